"""Results components: charts, gaps with their action plan, and the what-if panel."""
