"""Render: contributor text to safe HTML, and scenarios to page Markdown through templates."""
