# Snapsight account call-back: registers this account with the Snapsight API when the stack
# is created or updated, then answers CloudFormation. Standard library only. The token is
# never logged nor put in an answer.
import json
import urllib.error
import urllib.request


def tags(text):
    return [dict(zip(("tagKey", "tagValue"), t.split("=", 1))) for t in text.split(",") if t]


def register(props):
    body = dict(props["Body"])
    # CloudFormation passes every scalar as a string; give the API its JSON types back.
    for name in props.get("TagLists", []):
        body[name] = tags(body[name])
    for name in props.get("Integers", []):
        body[name] = int(body[name])
    for name in props.get("Booleans", []):
        body[name] = body[name] == "true"
    request = urllib.request.Request(
        props["Url"], data=json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/json", "Authorization": "Bearer " + props["Token"]})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status
    except urllib.error.HTTPError as error:
        if error.code == 304:  # already registered
            return 304
        detail = error.read(300).decode(errors="replace")
        raise RuntimeError("%s answered %d: %s" % (props["Url"], error.code, detail)) from None


def handler(event, context):
    status, reason = "SUCCESS", "nothing to do on delete"
    try:
        if event["RequestType"] != "Delete":
            reason = "registered (HTTP %d)" % register(event["ResourceProperties"])
    except Exception as error:  # noqa: BLE001 - CloudFormation must hear of every failure, or the stack hangs for an hour
        status, reason = "FAILED", str(error)[:500]
    answer = {
        "Status": status,
        "Reason": reason,
        "PhysicalResourceId": event.get("PhysicalResourceId") or event["LogicalResourceId"],
        "StackId": event["StackId"],
        "RequestId": event["RequestId"],
        "LogicalResourceId": event["LogicalResourceId"],
    }
    put = urllib.request.Request(
        event["ResponseURL"], data=json.dumps(answer).encode(), method="PUT", headers={"Content-Type": ""})
    urllib.request.urlopen(put, timeout=20).close()
