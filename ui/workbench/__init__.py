"""Price/performance workbench components: the inputs grid, the results and their altair charts."""
