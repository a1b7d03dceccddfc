"""The company profile of the open assessment (name, stage, niche, assessor): editing it after the start."""
