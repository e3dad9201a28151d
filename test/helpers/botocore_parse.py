#!/usr/bin/env python3
"""Prints, as JSON, what botocore sees in an AWS config file and credentials file.

Usage: botocore_parse.py CONFIG CREDENTIALS [CONFIG CREDENTIALS ...]

A path that does not exist is a missing file. For each pair the output is
{"profiles": {...}, "sso_sessions": {...}, "services": {...}, "selected_profile": ...}
(nested blocks stay objects), or {"error": "...", "cause": "..."} when botocore rejects a file (it
fails the whole file on a duplicate key or section or a stray line). One pair prints one object;
several pairs print a list, so a test pays Python's start-up once.

botocore reads the files through botocore.session.Session (full_config: build_profile_map plus the
credentials file merged in), with AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE pointing at the files
and HOME at an empty temporary directory, so nothing of the user's own ~/.aws leaks in.
selected_profile is the profile botocore would use given the caller's AWS_PROFILE/AWS_DEFAULT_PROFILE.
"""
import json
import os
import shutil
import sys
import tempfile

# configparser opens files with the locale's encoding; UTF-8 mode makes that UTF-8 everywhere.
if not sys.flags.utf8_mode:
    os.execv(sys.executable, [sys.executable, "-X", "utf8", *sys.argv])

import botocore.session  # noqa: E402


def describe(error):
    return f"{type(error).__name__}: {error}"


def parse(config_path, credentials_path):
    os.environ["AWS_CONFIG_FILE"] = config_path
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = credentials_path
    session = botocore.session.Session()
    try:
        config = session.full_config
    except Exception as error:  # botocore raises ConfigParseError and friends; report any of them
        cause = getattr(error, "kwargs", {}).get("error")
        out = {"error": describe(error)}
        if cause is not None:
            out["cause"] = describe(cause)
        return out
    return {
        "profiles": config.get("profiles", {}),
        "sso_sessions": config.get("sso_sessions", {}),
        "services": config.get("services", {}),
        "selected_profile": session.profile,
    }


def main(argv):
    if len(argv) < 2 or len(argv) % 2:
        print(__doc__, file=sys.stderr)
        return 2
    home = tempfile.mkdtemp(prefix="botocore-home-")
    try:
        os.environ["HOME"] = home
        os.environ.pop("USERPROFILE", None)
        results = [parse(argv[i], argv[i + 1]) for i in range(0, len(argv), 2)]
    finally:
        shutil.rmtree(home, ignore_errors=True)
    json.dump(results[0] if len(results) == 1 else results, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
