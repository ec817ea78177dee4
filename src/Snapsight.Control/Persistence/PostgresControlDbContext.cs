using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Tenancy;

namespace Snapsight.Control.Persistence;

/// <summary>The control database on PostgreSQL; its own type so it keeps its own migrations.</summary>
public sealed class PostgresControlDbContext(DbContextOptions<PostgresControlDbContext> options, TenantContext tenant)
    : ControlDbContext(options, tenant);
