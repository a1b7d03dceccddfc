"""Files in and out of the app: the JSON importer and the downloads (PDF, Markdown, JSON)."""
