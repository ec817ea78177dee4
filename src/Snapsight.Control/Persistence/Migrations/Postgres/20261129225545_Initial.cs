using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Snapsight.Control.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SubscriptionId = table.Column<Guid>(type: "uuid", nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Target = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    Succeeded = table.Column<bool>(type: "boolean", nullable: false),
                    Detail = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    Client = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Subscriptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LicensedIpAddresses = table.Column<int>(type: "integer", nullable: false),
                    ScanIntervalHours = table.Column<int>(type: "integer", nullable: false),
                    LockVersion = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Subscriptions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Assets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ConnectorId = table.Column<Guid>(type: "uuid", nullable: true),
                    CloudAccountId = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Region = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    InstanceId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    PrivateIpAddress = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true),
                    PublicIpAddress = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true),
                    LicensedIpAddress = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    FirstSeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Activation = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ActivationReason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ActivatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastScanCompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ScanRequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Assets_Subscriptions_SubscriptionId",
                        column: x => x.SubscriptionId,
                        principalTable: "Subscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Connectors",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Description = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    Applications = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AccountType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PollingFrequencyHours = table.Column<int>(type: "integer", nullable: false),
                    RoleArn = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    AccountId = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Regions = table.Column<List<string>>(type: "text[]", nullable: false),
                    AssetTags = table.Column<List<string>>(type: "text[]", nullable: false),
                    AutoActivate = table.Column<bool>(type: "boolean", nullable: false),
                    ZeroTouchSnapshot = table.Column<bool>(type: "boolean", nullable: false),
                    ExternalId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Connectors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Connectors_Subscriptions_SubscriptionId",
                        column: x => x.SubscriptionId,
                        principalTable: "Subscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubscriptionTokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ValueHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubscriptionTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubscriptionTokens_Subscriptions_SubscriptionId",
                        column: x => x.SubscriptionId,
                        principalTable: "Subscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Users",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Username = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    NormalizedUsername = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    PasswordHash = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Disabled = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Users", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Users_Subscriptions_SubscriptionId",
                        column: x => x.SubscriptionId,
                        principalTable: "Subscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApiAssessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CapturedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AssessedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OsFamily = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    OsName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    OsVersion = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    PackageCount = table.Column<int>(type: "integer", nullable: false),
                    FindingCount = table.Column<int>(type: "integer", nullable: false),
                    CriticalFindings = table.Column<int>(type: "integer", nullable: false),
                    HighFindings = table.Column<int>(type: "integer", nullable: false),
                    MediumFindings = table.Column<int>(type: "integer", nullable: false),
                    LowFindings = table.Column<int>(type: "integer", nullable: false),
                    UnknownFindings = table.Column<int>(type: "integer", nullable: false),
                    FindingsJson = table.Column<string>(type: "text", nullable: false),
                    GapsJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApiAssessments_Assets_AssetId",
                        column: x => x.AssetId,
                        principalTable: "Assets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ApiAssessments_Subscriptions_SubscriptionId",
                        column: x => x.SubscriptionId,
                        principalTable: "Subscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AssetTags",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    AssetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Value = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssetTags", x => new { x.AssetId, x.Key });
                    table.ForeignKey(
                        name: "FK_AssetTags_Assets_AssetId",
                        column: x => x.AssetId,
                        principalTable: "Assets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ScanRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssetId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActiveAssetId = table.Column<Guid>(type: "uuid", nullable: true),
                    CloudAccountId = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Region = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    InstanceId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Ending = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ReasonCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ReasonDetail = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    WaitReason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    WaitDetail = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    VolumeIds = table.Column<List<string>>(type: "text[]", nullable: false),
                    SnapshotAccess = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    HasEncryptedVolumes = table.Column<bool>(type: "boolean", nullable: false),
                    SnapshotIds = table.Column<List<string>>(type: "text[]", nullable: false),
                    Attempt = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SnapshotsRequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScanRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScanRuns_Assets_AssetId",
                        column: x => x.AssetId,
                        principalTable: "Assets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ScanRuns_Subscriptions_SubscriptionId",
                        column: x => x.SubscriptionId,
                        principalTable: "Subscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StoredRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssetId = table.Column<Guid>(type: "uuid", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StoredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IsCurrent = table.Column<bool>(type: "boolean", nullable: false),
                    SupersededAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    OsFamily = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    OsName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    OsVersion = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    BytesRead = table.Column<long>(type: "bigint", nullable: false),
                    ReadRequests = table.Column<long>(type: "bigint", nullable: false),
                    BlocksFetched = table.Column<long>(type: "bigint", nullable: false),
                    BlocksFromCache = table.Column<long>(type: "bigint", nullable: false),
                    BytesFetched = table.Column<long>(type: "bigint", nullable: false),
                    BytesFromCache = table.Column<long>(type: "bigint", nullable: false),
                    ListCalls = table.Column<long>(type: "bigint", nullable: false),
                    EstimatedCostUsd = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: false),
                    IncrementalSnapshots = table.Column<int>(type: "integer", nullable: false),
                    PackageCount = table.Column<int>(type: "integer", nullable: false),
                    FindingCount = table.Column<int>(type: "integer", nullable: false),
                    RuleResultCount = table.Column<int>(type: "integer", nullable: false),
                    CriticalFindings = table.Column<int>(type: "integer", nullable: false),
                    HighFindings = table.Column<int>(type: "integer", nullable: false),
                    MediumFindings = table.Column<int>(type: "integer", nullable: false),
                    LowFindings = table.Column<int>(type: "integer", nullable: false),
                    UnknownFindings = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StoredRuns_Assets_AssetId",
                        column: x => x.AssetId,
                        principalTable: "Assets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StoredRuns_Subscriptions_SubscriptionId",
                        column: x => x.SubscriptionId,
                        principalTable: "Subscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ServiceAccounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ScheduleHours = table.Column<int>(type: "integer", nullable: false),
                    Tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    TagsAny = table.Column<List<string>>(type: "text[]", nullable: false),
                    TagsNone = table.Column<List<string>>(type: "text[]", nullable: false),
                    ExclusionTags = table.Column<List<string>>(type: "text[]", nullable: false),
                    TargetRegions = table.Column<List<string>>(type: "text[]", nullable: false),
                    ScannerConcurrency = table.Column<int>(type: "integer", nullable: false),
                    EventBasedScanning = table.Column<bool>(type: "boolean", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ConnectorId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Regions = table.Column<List<string>>(type: "text[]", nullable: false),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    LastErrorCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LastErrorMessage = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ValidatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceAccounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceAccounts_Connectors_ConnectorId",
                        column: x => x.ConnectorId,
                        principalTable: "Connectors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ServiceAccounts_Subscriptions_SubscriptionId",
                        column: x => x.SubscriptionId,
                        principalTable: "Subscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TargetAccounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoleArn = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    CopyAndShare = table.Column<bool>(type: "boolean", nullable: true),
                    LastDiscoveredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DiscoveryError = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    SubscriptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ConnectorId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Regions = table.Column<List<string>>(type: "text[]", nullable: false),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    LastErrorCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LastErrorMessage = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ValidatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TargetAccounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TargetAccounts_Connectors_ConnectorId",
                        column: x => x.ConnectorId,
                        principalTable: "Connectors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TargetAccounts_Subscriptions_SubscriptionId",
                        column: x => x.SubscriptionId,
                        principalTable: "Subscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StoredFindings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssetId = table.Column<Guid>(type: "uuid", nullable: false),
                    VulnerabilityId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    PackageName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    InstalledVersion = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    FixedVersion = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Severity = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CvssScore = table.Column<double>(type: "double precision", nullable: true),
                    Kev = table.Column<bool>(type: "boolean", nullable: false),
                    EpssScore = table.Column<double>(type: "double precision", nullable: true),
                    Remediation = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    PackageType = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    PackageLocation = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    MatchedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    MatchedVersion = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Matches = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredFindings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StoredFindings_StoredRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "StoredRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StoredPackages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Version = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Arch = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Purl = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    Source = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredPackages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StoredPackages_StoredRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "StoredRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StoredRuleResults",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Profile = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RuleId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Title = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    Severity = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Result = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredRuleResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StoredRuleResults_StoredRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "StoredRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StoredSboms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    Format = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Content = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredSboms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StoredSboms_StoredRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "StoredRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StoredFindingAliases",
                columns: table => new
                {
                    Alias = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    FindingId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredFindingAliases", x => new { x.FindingId, x.Alias });
                    table.ForeignKey(
                        name: "FK_StoredFindingAliases_StoredFindings_FindingId",
                        column: x => x.FindingId,
                        principalTable: "StoredFindings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApiAssessments_AssetId",
                table: "ApiAssessments",
                column: "AssetId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiAssessments_SubscriptionId",
                table: "ApiAssessments",
                column: "SubscriptionId");

            migrationBuilder.CreateIndex(
                name: "IX_AssetTags_Key_Value",
                table: "AssetTags",
                columns: new[] { "Key", "Value" });

            migrationBuilder.CreateIndex(
                name: "IX_Assets_SubscriptionId_Activation_LicensedIpAddress",
                table: "Assets",
                columns: new[] { "SubscriptionId", "Activation", "LicensedIpAddress" });

            migrationBuilder.CreateIndex(
                name: "IX_Assets_SubscriptionId_Activation_State_LastScanCompletedAt",
                table: "Assets",
                columns: new[] { "SubscriptionId", "Activation", "State", "LastScanCompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Assets_SubscriptionId_CloudAccountId_Region_InstanceId",
                table: "Assets",
                columns: new[] { "SubscriptionId", "CloudAccountId", "Region", "InstanceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_SubscriptionId_At",
                table: "AuditEntries",
                columns: new[] { "SubscriptionId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Connectors_SubscriptionId_AccountId",
                table: "Connectors",
                columns: new[] { "SubscriptionId", "AccountId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Connectors_SubscriptionId_Name",
                table: "Connectors",
                columns: new[] { "SubscriptionId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScanRuns_AssetId",
                table: "ScanRuns",
                column: "AssetId");

            migrationBuilder.CreateIndex(
                name: "IX_ScanRuns_SubscriptionId_ActiveAssetId",
                table: "ScanRuns",
                columns: new[] { "SubscriptionId", "ActiveAssetId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScanRuns_SubscriptionId_AssetId",
                table: "ScanRuns",
                columns: new[] { "SubscriptionId", "AssetId" });

            migrationBuilder.CreateIndex(
                name: "IX_ScanRuns_SubscriptionId_FinishedAt_NextAttemptAt",
                table: "ScanRuns",
                columns: new[] { "SubscriptionId", "FinishedAt", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceAccounts_ConnectorId",
                table: "ServiceAccounts",
                column: "ConnectorId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceAccounts_SubscriptionId",
                table: "ServiceAccounts",
                column: "SubscriptionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StoredFindingAliases_Alias",
                table: "StoredFindingAliases",
                column: "Alias");

            migrationBuilder.CreateIndex(
                name: "IX_StoredFindings_AssetId_VulnerabilityId",
                table: "StoredFindings",
                columns: new[] { "AssetId", "VulnerabilityId" });

            migrationBuilder.CreateIndex(
                name: "IX_StoredFindings_EpssScore",
                table: "StoredFindings",
                column: "EpssScore");

            migrationBuilder.CreateIndex(
                name: "IX_StoredFindings_Kev",
                table: "StoredFindings",
                column: "Kev");

            migrationBuilder.CreateIndex(
                name: "IX_StoredFindings_PackageName_SubscriptionId_RunId_AssetId_Sev~",
                table: "StoredFindings",
                columns: new[] { "PackageName", "SubscriptionId", "RunId", "AssetId", "Severity", "EpssScore", "Kev" });

            migrationBuilder.CreateIndex(
                name: "IX_StoredFindings_RunId_VulnerabilityId_PackageName",
                table: "StoredFindings",
                columns: new[] { "RunId", "VulnerabilityId", "PackageName" });

            migrationBuilder.CreateIndex(
                name: "IX_StoredFindings_Severity",
                table: "StoredFindings",
                column: "Severity");

            migrationBuilder.CreateIndex(
                name: "IX_StoredFindings_VulnerabilityId_PackageName_AssetId_Id",
                table: "StoredFindings",
                columns: new[] { "VulnerabilityId", "PackageName", "AssetId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_StoredPackages_AssetId_Type_Name",
                table: "StoredPackages",
                columns: new[] { "AssetId", "Type", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_StoredPackages_RunId_Type_Name",
                table: "StoredPackages",
                columns: new[] { "RunId", "Type", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_StoredRuleResults_AssetId_Profile_RuleId",
                table: "StoredRuleResults",
                columns: new[] { "AssetId", "Profile", "RuleId" });

            migrationBuilder.CreateIndex(
                name: "IX_StoredRuleResults_RunId_Profile_RuleId",
                table: "StoredRuleResults",
                columns: new[] { "RunId", "Profile", "RuleId" });

            migrationBuilder.CreateIndex(
                name: "IX_StoredRuns_AssetId_CompletedAt",
                table: "StoredRuns",
                columns: new[] { "AssetId", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_StoredRuns_SubscriptionId_IsCurrent",
                table: "StoredRuns",
                columns: new[] { "SubscriptionId", "IsCurrent" });

            migrationBuilder.CreateIndex(
                name: "IX_StoredSboms_RunId_Format",
                table: "StoredSboms",
                columns: new[] { "RunId", "Format" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SubscriptionTokens_SubscriptionId",
                table: "SubscriptionTokens",
                column: "SubscriptionId");

            migrationBuilder.CreateIndex(
                name: "IX_SubscriptionTokens_ValueHash",
                table: "SubscriptionTokens",
                column: "ValueHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_Name",
                table: "Subscriptions",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TargetAccounts_ConnectorId",
                table: "TargetAccounts",
                column: "ConnectorId");

            migrationBuilder.CreateIndex(
                name: "IX_TargetAccounts_SubscriptionId_AccountId",
                table: "TargetAccounts",
                columns: new[] { "SubscriptionId", "AccountId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Users_NormalizedUsername",
                table: "Users",
                column: "NormalizedUsername",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Users_SubscriptionId",
                table: "Users",
                column: "SubscriptionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiAssessments");

            migrationBuilder.DropTable(
                name: "AssetTags");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "ScanRuns");

            migrationBuilder.DropTable(
                name: "ServiceAccounts");

            migrationBuilder.DropTable(
                name: "StoredFindingAliases");

            migrationBuilder.DropTable(
                name: "StoredPackages");

            migrationBuilder.DropTable(
                name: "StoredRuleResults");

            migrationBuilder.DropTable(
                name: "StoredSboms");

            migrationBuilder.DropTable(
                name: "SubscriptionTokens");

            migrationBuilder.DropTable(
                name: "TargetAccounts");

            migrationBuilder.DropTable(
                name: "Users");

            migrationBuilder.DropTable(
                name: "StoredFindings");

            migrationBuilder.DropTable(
                name: "Connectors");

            migrationBuilder.DropTable(
                name: "StoredRuns");

            migrationBuilder.DropTable(
                name: "Assets");

            migrationBuilder.DropTable(
                name: "Subscriptions");
        }
    }
}
