"""briefing: dated English situation briefings from Arabic news articles.

The library API lives in ``briefing.api``; the pipeline stages are ``ingest`` -> ``chunk`` ->
``summarize`` -> ``verify`` -> ``compose`` -> ``render`` -> ``deliver``. Importing this package
is cheap: nothing heavy (litellm, WeasyPrint) is imported until it is used.
"""

__version__ = "0.1.0"
