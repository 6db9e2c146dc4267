"""A local Slack: a Web API emulator and a sender of signed Slack requests.

Shared by the tests, the demo and the benchmarks, so that all three exercise the real app over real HTTP.
"""

from bot.emulator.sender import SlackSender
from bot.emulator.slack_api import Call, FakeSlack

__all__ = ["Call", "FakeSlack", "SlackSender"]
