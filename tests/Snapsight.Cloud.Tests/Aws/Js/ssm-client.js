// Drives the SSM inventory of our loopback AWS fake with the AWS SDK for JavaScript
// (@aws-sdk/client-ssm: its own SigV4 signing, AWS JSON 1.1 serialisation, X-Amz-Target and
// error parsing), the independent client that fake is checked against. Reads {endpoint, region,
// credentials (the scanning role's), roleArn, externalId, instanceId} on stdin; assumes the target
// role with @aws-sdk/client-sts, lists every managed node page by page, reads instanceId's
// AWS:InstanceInformation and AWS:Application entries page by page, then tries what must be
// refused (the scanning role's own credentials, an inventory type that does not exist). Writes
// {pages, nodes, information, applications, captureTime, refused} as JSON.
"use strict";
const { STSClient, AssumeRoleCommand } = require("@aws-sdk/client-sts");
const { SSMClient, DescribeInstanceInformationCommand, ListInventoryEntriesCommand } = require("@aws-sdk/client-ssm");

const refusal = require("./refusal");

async function entries(ssm, instanceId, typeName, pages) {
  const all = [];
  let token;
  let captureTime;
  do {
    const page = await ssm.send(new ListInventoryEntriesCommand({ InstanceId: instanceId, TypeName: typeName, MaxResults: 50, NextToken: token }));
    pages[typeName] = (pages[typeName] ?? 0) + 1;
    all.push(...page.Entries);
    captureTime = page.CaptureTime;
    token = page.NextToken;
  } while (token);
  return { all, captureTime };
}

async function main(input) {
  const sts = new STSClient({ region: input.region, endpoint: input.endpoint, credentials: input.credentials, maxAttempts: 3 });
  const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: input.roleArn, RoleSessionName: "js-oracle", ExternalId: input.externalId, DurationSeconds: 3600 }));
  const session = {
    accessKeyId: assumed.Credentials.AccessKeyId, secretAccessKey: assumed.Credentials.SecretAccessKey, sessionToken: assumed.Credentials.SessionToken,
  };
  const ssm = new SSMClient({ region: input.region, endpoint: input.endpoint, credentials: session, maxAttempts: 3 });
  const pages = { nodes: 0 };
  const nodes = [];
  let token;
  do {
    const page = await ssm.send(new DescribeInstanceInformationCommand({ MaxResults: 5, NextToken: token }));
    pages.nodes++;
    for (const n of page.InstanceInformationList) {
      nodes.push({
        id: n.InstanceId, pingStatus: n.PingStatus, platformType: n.PlatformType, platformName: n.PlatformName,
        platformVersion: n.PlatformVersion, lastPing: n.LastPingDateTime.toISOString(),
      });
    }
    token = page.NextToken;
  } while (token);

  const information = await entries(ssm, input.instanceId, "AWS:InstanceInformation", pages);
  const applications = await entries(ssm, input.instanceId, "AWS:Application", pages);
  const scanning = new SSMClient({ region: input.region, endpoint: input.endpoint, credentials: input.credentials, maxAttempts: 1 });
  const refused = {
    scanningRole: await refusal(scanning.send(new ListInventoryEntriesCommand({ InstanceId: input.instanceId, TypeName: "AWS:Application" }))),
    unknownType: await refusal(ssm.send(new ListInventoryEntriesCommand({ InstanceId: input.instanceId, TypeName: "AWS:Nothing" }))),
  };
  return { pages, nodes, information: information.all, applications: applications.all, captureTime: applications.captureTime, refused };
}

require("./json-stdio")(main);
