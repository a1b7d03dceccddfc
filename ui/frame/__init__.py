"""What every page shares: the sidebar frame (`sidebar`), the resume link, and Markdown escaping (`text`)."""
