#!/usr/bin/env python3
"""Resolves profiles with botocore's own credential chain and prints, as JSON, what it chose and sent.

Usage: botocore_resolve.py < cases.json, where cases.json is a list of
{"config": PATH, "credentials": PATH, "env": {...}, "profiles": [NAME, ...]}.

For each profile (named as the AWS CLI's --profile names it) the output is
{"method": botocore's provider METHOD, "key": the final access key id,
 "calls": [{"op", "params", "key" (signing key id or null), "host", "region"}]} or {"error": "Type: message"}.
No request leaves the process: a before-send handler answers STS with credentials derived from the request
(AccessKeyId = ASIA + sha1(RoleArn + signing key)[:16], the same rule the test uses), SSO, login, process,
container and IMDS providers are answered by stand-ins that derive keys from their inputs.
"""
import hashlib
import json
import os
import re
import sys

if not sys.flags.utf8_mode:
    os.execv(sys.executable, [sys.executable, "-X", "utf8", *sys.argv])

import botocore.awsrequest  # noqa: E402
import botocore.credentials as bc  # noqa: E402
import botocore.loaders  # noqa: E402
import botocore.session  # noqa: E402
import botocore.utils  # noqa: E402

CALLS = []


def derived(*parts):
    return "ASIA" + hashlib.sha1("|".join(parts).encode()).hexdigest()[:16].upper()


class Raw:
    def __init__(self, body):
        self.body = body

    def stream(self, **_):
        yield self.body


def sts_answer(request, **_):
    from urllib.parse import parse_qsl, urlsplit

    body = request.body
    if isinstance(body, bytes):
        body = body.decode()
    params = dict(parse_qsl(body or ""))
    auth = request.headers.get("Authorization", b"")
    if isinstance(auth, bytes):
        auth = auth.decode()
    m = re.search(r"Credential=([^/]+)/\d+/([^/]+)/", auth)
    key, region = (m.group(1), m.group(2)) if m else (None, None)
    op = params.pop("Action", "?")
    params.pop("Version", None)
    if op == "AssumeRoleWithWebIdentity":
        params.pop("WebIdentityToken", None)
    params.pop("TokenCode", None)
    CALLS.append({"op": op, "params": params, "key": key, "host": urlsplit(request.url).netloc, "region": region})
    new_key = derived(params.get("RoleArn", ""), key or "web")
    xml = (
        f"<{op}Response><{op}Result><Credentials><AccessKeyId>{new_key}</AccessKeyId>"
        "<SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken>"
        "<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>"
        "<AssumedRoleUser><Arn>arn:aws:sts::111111111111:assumed-role/R/s</Arn><AssumedRoleId>A:s</AssumedRoleId></AssumedRoleUser>"
        f"</{op}Result></{op}Response>"
    ).encode()
    return botocore.awsrequest.AWSResponse(request.url, 200, {}, Raw(xml))


def fake_sso(self):
    key = derived("sso", self._account_id, self._role_name)
    return {"ProviderType": "sso", "Credentials": {"AccessKeyId": key, "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2099-01-01T00:00:00Z", "AccountId": self._account_id}}


def fake_login(self):
    key = derived("login", self._session_name)
    return {"access_key": key, "secret_key": "s", "token": "t", "expiry_time": "2099-01-01T00:00:00Z", "account_id": "111111111111"}


def fake_process(self, command):
    m = re.search(r'"AccessKeyId": *"([^"]+)"', command)
    return {"access_key": m.group(1) if m else derived("process", command), "secret_key": "s", "token": None, "expiry_time": None, "account_id": None}


bc.SSOCredentialFetcher._get_credentials = fake_sso
bc.LoginCredentialFetcher.load_cached_credentials = fake_login
if getattr(bc, "EC", None) is None:
    bc.EC = object()  # the login provider only checks that awscrt is there
bc.ProcessProvider._retrieve_credentials_using = fake_process
botocore.utils.ContainerMetadataFetcher.retrieve_full_uri = lambda self, uri, headers=None: {
    "AccessKeyId": derived("container", uri), "SecretAccessKey": "s", "Token": "t", "Expiration": "2099-01-01T00:00:00Z"}
botocore.utils.ContainerMetadataFetcher.full_url = lambda self, rel: "http://169.254.170.2" + rel

LOADER = botocore.loaders.create_loader()


def resolve(profile):
    del CALLS[:]
    session = botocore.session.Session(profile=profile)
    session.register_component("data_loader", LOADER)
    session.register("before-send.sts", sts_answer)
    try:
        resolver = session.get_component("credential_provider")
        ar = resolver.get_provider("assume-role")
        ar._prompter = lambda prompt: "123456"
        creds = session.get_credentials()
        if creds is None:
            return {"error": "NoCredentialsError: Unable to locate credentials"}
        frozen = creds.get_frozen_credentials()
        return {"method": creds.method, "key": frozen.access_key, "calls": list(CALLS)}
    except Exception as error:  # botocore raises many kinds: report any
        return {"error": f"{type(error).__name__}: {error}"}


def main():
    cases = json.load(sys.stdin)
    base = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    out = []
    for case in cases:
        os.environ.clear()
        os.environ.update(base)
        os.environ.update(case.get("env", {}))
        os.environ["AWS_CONFIG_FILE"] = case["config"]
        os.environ["AWS_SHARED_CREDENTIALS_FILE"] = case["credentials"]
        out.append({name: resolve(name) for name in case["profiles"]})
    json.dump(out, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
