"""Questionnaire components: the progress navigator and one question with its evidence note."""
