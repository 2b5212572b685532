"""wirehouse: news websites in, an event-data warehouse out."""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
