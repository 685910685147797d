"""工会小助手 — a chatbot for school trade unions."""

__version__ = "0.1.0"
