"""Workshop components: the workshop session state, the facilitator gate, dashboard views and charts."""
