"""Court bundles in the window: the Bundles page, the bundle builder and the section template."""
