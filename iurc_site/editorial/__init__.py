"""What editors work with besides pages: audited group screens and permission changes,
redirects in every language, translated snippet panels, slug checks, bulk indexing."""
