"""Tests of the deployment in deploy/: nginx in front of several app processes."""
