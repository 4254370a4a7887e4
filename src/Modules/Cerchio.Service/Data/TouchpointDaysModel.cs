using Cerchio.Service.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cerchio.Service.Data;

internal sealed class TouchpointDayConfiguration : IEntityTypeConfiguration<TouchpointDay>
{
    public void Configure(EntityTypeBuilder<TouchpointDay> b)
    {
        b.ToTable("TouchpointDays");
        // Led by the organization and the day: the map reads a period of days for every touchpoint.
        b.HasKey(d => new { d.OrganizationId, d.Day, d.TouchpointCode });
        b.Property(d => d.TouchpointCode).HasMaxLength(50);
    }
}

internal sealed class TouchpointMonthConfiguration : IEntityTypeConfiguration<TouchpointMonth>
{
    public void Configure(EntityTypeBuilder<TouchpointMonth> b)
    {
        b.ToTable("TouchpointMonths");
        b.HasKey(m => new { m.OrganizationId, m.Month, m.TouchpointCode });
        b.Property(m => m.TouchpointCode).HasMaxLength(50);
    }
}

internal sealed class TouchpointDayMarkConfiguration : IEntityTypeConfiguration<TouchpointDayMark>
{
    public void Configure(EntityTypeBuilder<TouchpointDayMark> b)
    {
        b.ToTable("TouchpointDayMarks");
        b.Property(m => m.TouchpointCode).HasMaxLength(50);
        b.HasIndex(m => new { m.OrganizationId, m.Day });
    }
}

internal sealed class TouchpointDayStateConfiguration : IEntityTypeConfiguration<TouchpointDayState>
{
    public void Configure(EntityTypeBuilder<TouchpointDayState> b)
    {
        b.ToTable("TouchpointDayStates");
        b.HasKey(s => s.OrganizationId);
        b.Property(s => s.CalendarStamp).HasMaxLength(32);
    }
}
