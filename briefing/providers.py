"""How each provider is asked for structured output, when the setting is ``auto``.

``structured_output`` is a per-model setting (see ``llm``): ``json_schema``, ``json_object`` or
``prompt``. Given explicitly (``--structured-output``, ``BRIEFING_STRUCTURED_OUTPUT``, TOML) it
wins. Left at ``auto`` (the default), ``choose_mode`` picks one from the litellm provider of
the model string and whether ``api_base`` points somewhere else than the provider's own API:

=================================  ==============  =============================================
provider                           mode            why
=================================  ==============  =============================================
``openai/...`` with an             ``json_object`` an OpenAI-compatible server of unknown make.
``api_base`` (not api.openai.com),                 llama-cpp-python's server answers 500 to
``custom_openai``, ``openai_like``,                ``json_schema`` but honours ``json_object``
``llamafile``                                      with a ``schema`` (it becomes a grammar);
                                                   servers that ignore the ``schema`` still
                                                   return JSON, and the schema is in the prompt
``ollama``, ``ollama_chat``        ``json_schema`` litellm sends the schema as Ollama's ``format``
``anthropic``, ``gemini``,         ``json_schema`` litellm translates it (a forced tool call,
``vertex_ai``                                      Gemini's ``response_schema``)
anything else                      ``json_schema`` when litellm's model map says the model
                                   or ``prompt``   supports response schemas; else the schema is
                                                   stated in the prompt only
=================================  ==============  =============================================

Whatever the mode, the answer is validated and re-asked (``structured``) and every claim is
checked against its article (``verify``): the mode only decides what the provider is sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args
from urllib.parse import urlparse

from .llm import StructuredMode, litellm_provider, supports_response_schema

StructuredSetting = Literal["auto", "json_schema", "json_object", "prompt"]
STRUCTURED_SETTINGS: tuple[StructuredSetting, ...] = get_args(StructuredSetting)


@dataclass(frozen=True)
class Rule:
    providers: frozenset[str]
    mode: StructuredMode
    why: str
    custom_base_only: bool = False  # applies only when api_base is not the provider's own API


RULES: tuple[Rule, ...] = (
    Rule(frozenset({"openai"}), "json_object",
         "an OpenAI-compatible server at api_base: json_object with the schema (llama.cpp-based servers "
         "reject json_schema)", custom_base_only=True),
    Rule(frozenset({"custom_openai", "openai_like", "llamafile"}), "json_object",
         "an OpenAI-compatible server: json_object with the schema"),
    Rule(frozenset({"ollama", "ollama_chat"}), "json_schema", "litellm passes the schema as Ollama's format"),
    Rule(frozenset({"anthropic", "gemini", "vertex_ai"}), "json_schema", "litellm translates json_schema"),
)

_OWN_API_HOSTS = {"openai": "api.openai.com"}


@dataclass(frozen=True)
class Choice:
    mode: StructuredMode
    why: str


def _custom_base(provider: str, api_base: str | None) -> bool:
    if not api_base:
        return False
    return urlparse(api_base).hostname != _OWN_API_HOSTS.get(provider)


def choose_mode(model: str, api_base: str | None, setting: StructuredSetting = "auto") -> Choice:
    """The structured-output mode for this model and endpoint: ``setting`` unless it is ``auto``."""
    if setting != "auto":
        return Choice(setting, "set explicitly")
    provider = litellm_provider(model)
    for rule in RULES:
        if provider in rule.providers and (not rule.custom_base_only or _custom_base(provider, api_base)):
            return Choice(rule.mode, f"{provider}: {rule.why}")
    if supports_response_schema(model):
        return Choice("json_schema", f"{provider or model}: litellm's model map says it supports response schemas")
    return Choice("prompt", f"{provider or model}: no known structured-output support; schema in the prompt")
