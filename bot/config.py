"""Typed settings, read from the environment and ``.env`` with pydantic-settings.

Secrets are optional at load time so that ``frontline db upgrade`` and the demo work without Slack
credentials; :meth:`Settings.require` refuses to start a mode whose secrets are missing or are still the
placeholders from ``.env.example``, naming each one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SLACK_API_URL = "https://slack.com/api/"

# Values from .env.example and common tutorials; a deploy that still carries one is a mistake.
_PLACEHOLDERS = {"", "changeme", "change-me", "secret", "xoxb-your-token", "xapp-your-token",
                 "your-signing-secret", "xoxb-...", "xapp-...", "..."}


class Settings(BaseSettings):
    """Everything the app reads from its environment. ``.env.example`` documents each field."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_api_url: str = DEFAULT_SLACK_API_URL

    database_url: str = Field(default_factory=lambda: f"sqlite:///{Path.cwd() / 'frontline.db'}")
    db_connect_timeout: float = 2.0
    auto_migrate: bool = True
    scheduler_enabled: bool = True

    port: int = 3000
    host: str = "0.0.0.0"  # noqa: S104 - a server in a container listens on all interfaces
    listener_threads: int = 16
    log_level: str = "INFO"

    default_phone_region: str = "GB"
    default_timezone: str = "UTC"
    customer_ref_secret: SecretStr | None = None
    manager_user_ids: str = ""
    # Where approved nominations are posted when a workspace has not chosen its own recognition channel.
    recognition_channel: str | None = None
    # Where the weekly digest goes in every workspace that has not chosen its own channel (/digest schedule).
    digest_channel: str | None = None

    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None
    openai_model: str = "gpt-4o-mini"
    openai_timeout: float = 20.0
    openai_max_retries: int = 2

    @field_validator("slack_api_url")
    @classmethod
    def _trailing_slash(cls, value: str) -> str:
        # slack_sdk joins base_url and method name without a separator.
        return value if value.endswith("/") else value + "/"

    @classmethod
    def local(cls, **values: Any) -> Settings:
        """Settings from these values and the defaults only, never the environment or ``.env``: for the
        demo, the benchmarks and tests, which must not pick up a developer's real tokens."""
        return _LocalSettings(**values)

    @property
    def socket_mode(self) -> bool:
        return self.slack_app_token is not None

    @property
    def managers(self) -> frozenset[str]:
        return frozenset(u.strip() for u in self.manager_user_ids.split(",") if u.strip())

    def require(self, mode: Literal["socket", "http"]) -> None:
        """Raise :class:`ConfigError` naming every secret this mode needs that is missing or a placeholder."""
        from bot.errors import ConfigError

        needed = ["slack_bot_token"] + (["slack_app_token"] if mode == "socket" else ["slack_signing_secret"])
        bad = [name.upper() for name in needed if _is_placeholder(getattr(self, name))]
        if bad:
            raise ConfigError(
                "missing or placeholder setting(s): " + ", ".join(bad)
                + " (set them in the environment or .env; see .env.example)"
            )


class _LocalSettings(Settings):
    @classmethod
    def settings_customise_sources(cls, settings_cls: type[BaseSettings], init_settings: Any, *_args: Any,
                                   **_kwargs: Any) -> tuple[Any, ...]:
        return (init_settings,)


def _is_placeholder(value: SecretStr | None) -> bool:
    return value is None or value.get_secret_value().strip().lower() in _PLACEHOLDERS
