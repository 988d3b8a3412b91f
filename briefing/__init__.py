"""briefing: dated English situation briefings from Arabic news articles.

The library API lives in ``briefing.api`` (``generate``, ``GenerateOptions``, ``verify_briefing``,
``render_file``, ``email_briefing``); settings in ``briefing.config``; the exceptions in
``briefing.errors``. The pipeline stages, called in order by ``api.generate``: ``ingest`` ->
``cluster`` -> ``chunk`` -> ``summarize`` -> ``verify`` -> ``compose`` -> ``render`` ->
``files`` -> ``mail``. Importing this package is cheap: nothing heavy (litellm, WeasyPrint) is imported
until it is used.
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
