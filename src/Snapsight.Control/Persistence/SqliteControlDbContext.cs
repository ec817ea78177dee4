using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Persistence;

/// <summary>The control database on SQLite; its own type so it keeps its own migrations.</summary>
public sealed class SqliteControlDbContext(DbContextOptions<SqliteControlDbContext> options, TenantContext tenant)
    : ControlDbContext(options, tenant);
