"""The command line (`assessment ...`): one module per command group, registered by `cli.main`.

The top layer beside `ui/`: may import `reports` and `assessment`; nothing imports it (but `assessment.__main__`).
"""
