"""What `aws configure export-credentials --profile P --format F` (AWS CLI v2) prints, for the formats as the
AWS CLI documents them, from credentials botocore resolves itself: this machine's AWS CLI is v1, which lacks
the command. The expiry is what the AWS CLI takes: botocore's own datetime, in Python's isoformat().

usage: export_credentials.py PROFILE FORMAT
"""
import json
import sys

import botocore.session

LINE = {
    'env': 'export {name}={value}',
    'env-no-export': '{name}={value}',
    'powershell': '$Env:{name}="{value}"',
    'windows-cmd': 'set {name}={value}',
    'fish': 'set -gx {name} "{value}"',
}

profile, fmt = sys.argv[1], sys.argv[2]
credentials = botocore.session.Session(profile=profile).get_credentials()
frozen = credentials.get_frozen_credentials()
expiry = getattr(credentials, '_expiry_time', None)
expiry = expiry.isoformat() if expiry is not None else None
pairs = [('AWS_ACCESS_KEY_ID', frozen.access_key), ('AWS_SECRET_ACCESS_KEY', frozen.secret_key)]
if frozen.token is not None:
    pairs.append(('AWS_SESSION_TOKEN', frozen.token))
if expiry is not None:
    pairs.append(('AWS_CREDENTIAL_EXPIRATION', expiry))
if fmt == 'process':
    out = {'Version': 1, 'AccessKeyId': frozen.access_key, 'SecretAccessKey': frozen.secret_key}
    if frozen.token is not None:
        out['SessionToken'] = frozen.token
    if expiry is not None:
        out['Expiration'] = expiry
    sys.stdout.write(json.dumps(out, indent=2, separators=(',', ': ')) + '\n')
else:
    sys.stdout.write(''.join(LINE[fmt].format(name=n, value=v) + '\n' for n, v in pairs))
