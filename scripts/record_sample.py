"""Re-record seeds/sample-run.yaml from the hand-written reference answers.

Starts briefing's own OpenAI-compatible test server on 127.0.0.1:18080 serving
seeds/reference-responses.yaml, then runs `briefing generate seeds/ --record ...` against it.
What answered is that server, not a model: see seeds/README.md.

    python scripts/record_sample.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.server import OpenAIServer, reference_responder

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    with OpenAIServer(reference_responder(ROOT / "seeds" / "reference-responses.yaml"), port=18080) as server:
        cmd = [
            sys.executable, "-m", "briefing", "generate", "seeds/", "--date", "2017-11-04",
            "--model", "openai/reference-answers", "--api-base", server.base_url, "--structured-output", "json_schema",
            "--record", "seeds/sample-run.yaml", "--out", "out/",
        ]
        return subprocess.call(cmd, cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
