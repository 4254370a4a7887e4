using Cerchio.Journeys.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cerchio.Journeys.Data;

internal sealed class TouchpointConfiguration : IEntityTypeConfiguration<Touchpoint>
{
    public void Configure(EntityTypeBuilder<Touchpoint> b)
    {
        b.ToTable("Touchpoints");
        b.Property(t => t.Code).HasMaxLength(Touchpoint.MaxCode);
        b.Property(t => t.Name).HasMaxLength(Touchpoint.MaxName);
        b.Property(t => t.Promise).HasMaxLength(Touchpoint.MaxText);
        b.Property(t => t.MomentsOfTruth).HasMaxLength(Touchpoint.MaxText);
        b.Property(t => t.PainPoints).HasMaxLength(Touchpoint.MaxText);
        // A code is the organization's once; the catalog is read in its order.
        b.HasIndex(t => new { t.OrganizationId, t.Code }).IsUnique();
        b.HasIndex(t => new { t.OrganizationId, t.Position });
    }
}
