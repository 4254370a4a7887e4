using Cerchio.Service.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cerchio.Service.Data;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> b)
    {
        b.ToTable("Cases");
        b.Property(c => c.Subject).HasMaxLength(Limits.Subject);
        b.Property(c => c.TouchpointCode).HasMaxLength(50);
        b.Property(c => c.RequesterName).HasMaxLength(200);
        b.Property(c => c.RequesterEmail).HasMaxLength(254);
        b.Property(c => c.ExternalId).HasMaxLength(100);
        b.HasIndex(c => new { c.OrganizationId, c.Number }).IsUnique();
        b.HasIndex(c => new { c.OrganizationId, c.ExternalId }).IsUnique();
        // The inbox: open work by due time, then by id for a stable keyset order.
        b.HasIndex(c => new { c.OrganizationId, c.Status, c.SlaDueAt, c.Id });
        b.HasIndex(c => new { c.OrganizationId, c.AssigneeId, c.Status });
        b.HasIndex(c => new { c.OrganizationId, c.DepartmentId, c.Status });
        b.HasIndex(c => new { c.OrganizationId, c.CustomerId, c.CreatedAt });
        b.HasIndex(c => new { c.OrganizationId, c.LastActivityAt, c.Id });
        // The inbox's other orders and views: every open case by due time (only open cases have one), newest first,
        // recently resolved.
        b.HasIndex(c => new { c.OrganizationId, c.SlaDueAt, c.Id });
        b.HasIndex(c => new { c.OrganizationId, c.CreatedAt, c.Id });
        b.HasIndex(c => new { c.OrganizationId, c.ResolvedAt });
    }
}

internal sealed class CaseEntryConfiguration : IEntityTypeConfiguration<CaseEntry>
{
    public void Configure(EntityTypeBuilder<CaseEntry> b)
    {
        b.ToTable("CaseEntries");
        b.Property(e => e.AuthorName).HasMaxLength(200);
        b.Property(e => e.Text).HasMaxLength(Limits.Text);
        b.HasIndex(e => new { e.CaseId, e.At });
        b.HasOne<Case>().WithMany().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseCounterConfiguration : IEntityTypeConfiguration<CaseCounter>
{
    public void Configure(EntityTypeBuilder<CaseCounter> b)
    {
        b.ToTable("CaseCounters");
        b.HasKey(c => c.OrganizationId);
    }
}

internal static class Limits
{
    public const int Subject = 300;

    /// <summary>About 50 pages of text: a long email thread, not a file dump (attachments are files).</summary>
    public const int Text = 200_000;
}
