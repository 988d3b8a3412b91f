"""Re-record the wire-level test cassettes in tests/cassettes/ from briefing's own test server.

    python scripts/record_test_cassettes.py

What answers is tests.support.server on 127.0.0.1 (scripted, not a model); see
tests/cassettes/README.md.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from briefing import api
from briefing.llm import ModelSettings
from tests.support.server import OpenAIServer, Reply, chat_completion, reference_responder, schema_name

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CASSETTES = ROOT / "tests" / "cassettes"
INVENTED = "وأعلنت القوات الأمريكية انسحابها الكامل من قاعدة عين الأسد"


def reask_responder() -> Any:
    """The first answer cites, for each article, a quote that is not in it; the re-ask gets the reference."""
    reference = reference_responder(SEEDS / "reference-responses.yaml")
    answered_badly = False

    def respond(request: dict[str, Any]) -> Reply:
        nonlocal answered_badly
        reply = reference(request)
        if answered_badly or schema_name(request) != "PackDraft":
            return reply
        answered_badly = True
        pack = json.loads(reply.body["choices"][0]["message"]["content"])
        for entry in pack["articles"]:
            entry["summary"]["claims"][0]["evidence"] = [INVENTED]
        return Reply(chat_completion(json.dumps(pack, ensure_ascii=False), request))

    return respond


def main() -> int:
    with OpenAIServer(reask_responder(), port=18081) as server:
        settings = ModelSettings(model="openai/scripted-reask", api_base=server.base_url)
        options = api.GenerateOptions(date=dt.date(2017, 11, 4), out_dir=ROOT / "out" / "reask", formats=("json",),
                                      record=CASSETTES / "reask.yaml")
        briefing = api.generate([SEEDS], settings, options).briefing
    print(f"recorded {briefing.methodology.calls} calls, {briefing.methodology.reasks} re-asks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
