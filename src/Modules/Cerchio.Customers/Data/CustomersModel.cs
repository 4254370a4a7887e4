using Cerchio.Customers.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cerchio.Customers.Data;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.ToTable("Customers");
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.FirstName).HasMaxLength(100);
        b.Property(c => c.LastName).HasMaxLength(100);
        b.Property(c => c.VatNumber).HasMaxLength(20);
        b.Property(c => c.FiscalCode).HasMaxLength(16);
        b.Property(c => c.Email).HasMaxLength(254);
        b.Property(c => c.Phone).HasMaxLength(40);
        b.Property(c => c.Address).HasMaxLength(200);
        b.Property(c => c.PostalCode).HasMaxLength(10);
        b.Property(c => c.City).HasMaxLength(100);
        b.Property(c => c.Province).HasMaxLength(2);
        b.Property(c => c.Country).HasMaxLength(2);
        b.Property(c => c.Language).HasMaxLength(2);
        b.Property(c => c.ExternalId).HasMaxLength(100);
        b.Property(c => c.SearchText).HasMaxLength(800);
        b.HasIndex(c => new { c.OrganizationId, c.ExternalId }).IsUnique();
        b.HasIndex(c => new { c.OrganizationId, c.Email });
        b.HasIndex(c => new { c.OrganizationId, c.VatNumber });
        b.HasIndex(c => new { c.OrganizationId, c.Name });
        b.HasMany(c => c.Contacts).WithOne().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.ToTable("Contacts");
        b.Property(c => c.Language).HasMaxLength(2);
        b.Property(c => c.FirstName).HasMaxLength(100);
        b.Property(c => c.LastName).HasMaxLength(100);
        b.Property(c => c.Email).HasMaxLength(254);
        b.Property(c => c.Phone).HasMaxLength(40);
        b.Property(c => c.JobTitle).HasMaxLength(100);
        b.Ignore(c => c.FullName);
        b.HasIndex(c => new { c.OrganizationId, c.Email });
    }
}

internal sealed class TimelineEventConfiguration : IEntityTypeConfiguration<TimelineEvent>
{
    public void Configure(EntityTypeBuilder<TimelineEvent> b)
    {
        b.ToTable("TimelineEvents");
        b.Property(e => e.Type).HasMaxLength(40);
        b.Property(e => e.ExternalId).HasMaxLength(100);
        b.Property(e => e.TouchpointCode).HasMaxLength(50);
        b.Property(e => e.Summary).HasMaxLength(500);
        b.Property(e => e.Source).HasMaxLength(40);
        b.Property(e => e.ActorName).HasMaxLength(200);
        b.HasIndex(e => new { e.OrganizationId, e.ExternalId }).IsUnique();
        b.HasIndex(e => new { e.CustomerId, e.OccurredAt });
        // The home page's "events in the last 30 days": a range of the index, not every event of the organization.
        b.HasIndex(e => new { e.OrganizationId, e.OccurredAt });
        // The event feed reads one type's events after a place in the order they were stored (a survey per delivery).
        b.HasIndex(e => new { e.OrganizationId, e.Type, e.RecordedAt, e.Id });
        b.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> b)
    {
        b.ToTable("ImportJobs");
        b.Property(j => j.FileName).HasMaxLength(260);
        b.Property(j => j.CreatedBy).HasMaxLength(200);
        b.Property(j => j.Failure).HasMaxLength(1000);
        b.HasIndex(j => j.Status);
    }
}
