"""Email drafts from templates: safe rendering of stranger-written values, and the content
check shown to the owner. Pure: no I/O besides reading the template files."""
