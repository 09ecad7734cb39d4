"""Everything that reads the web: fetching with its policy, and turning pages and feeds
into documents. The only package that imports httpx, feedparser and trafilatura."""
