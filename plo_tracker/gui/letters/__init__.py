"""Letters: the live preview, generating and keeping letters, batches, templates and letterhead."""
