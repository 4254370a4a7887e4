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

internal sealed class PersonaConfiguration : IEntityTypeConfiguration<Persona>
{
    public void Configure(EntityTypeBuilder<Persona> b)
    {
        b.ToTable("Personas");
        b.Property(p => p.Name).HasMaxLength(Persona.MaxName);
        b.Property(p => p.Segment).HasMaxLength(Persona.MaxShort);
        b.Property(p => p.MatchAttribute).HasMaxLength(Persona.MaxShort);
        b.Property(p => p.MatchValue).HasMaxLength(Persona.MaxShort);
        b.Property(p => p.Goals).HasMaxLength(Persona.MaxText);
        b.Property(p => p.Needs).HasMaxLength(Persona.MaxText);
        b.Property(p => p.Frustrations).HasMaxLength(Persona.MaxText);
        b.Property(p => p.Quote).HasMaxLength(Persona.MaxText);
        b.Property(p => p.PhotoContentType).HasMaxLength(40);
        b.HasIndex(p => new { p.OrganizationId, p.Name });
    }
}

internal sealed class JourneyConfiguration : IEntityTypeConfiguration<Journey>
{
    public void Configure(EntityTypeBuilder<Journey> b)
    {
        b.ToTable("Journeys");
        b.Property(j => j.Code).HasMaxLength(Journey.MaxCode);
        b.Property(j => j.Name).HasMaxLength(Journey.MaxName);
        b.Property(j => j.Description).HasMaxLength(Journey.MaxText);
        b.Property(j => j.HeatMetric).HasMaxLength(60);
        // The default journey is made once per organization, however many first visits race for it.
        b.HasIndex(j => new { j.OrganizationId, j.Code }).IsUnique();
        b.HasOne<Persona>().WithMany().HasForeignKey(j => j.PersonaId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class JourneyStageConfiguration : IEntityTypeConfiguration<JourneyStage>
{
    public void Configure(EntityTypeBuilder<JourneyStage> b)
    {
        b.ToTable("JourneyStages");
        b.Property(s => s.Name).HasMaxLength(JourneyStage.MaxName);
        b.Property(s => s.CustomerActions).HasMaxLength(JourneyStage.MaxLane);
        b.Property(s => s.FrontStage).HasMaxLength(JourneyStage.MaxLane);
        b.Property(s => s.BackStage).HasMaxLength(JourneyStage.MaxLane);
        b.Property(s => s.PainPoints).HasMaxLength(JourneyStage.MaxLane);
        b.HasIndex(s => new { s.JourneyId, s.Position });
        b.HasOne<Journey>().WithMany().HasForeignKey(s => s.JourneyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class JourneyCardConfiguration : IEntityTypeConfiguration<JourneyCard>
{
    public void Configure(EntityTypeBuilder<JourneyCard> b)
    {
        b.ToTable("JourneyCards");
        b.Property(c => c.TouchpointCode).HasMaxLength(Touchpoint.MaxCode);
        // A touchpoint sits once in a stage; the code is what archiving a touchpoint counts references by.
        b.HasIndex(c => new { c.StageId, c.TouchpointCode }).IsUnique();
        b.HasIndex(c => new { c.OrganizationId, c.TouchpointCode });
        b.HasIndex(c => new { c.JourneyId, c.StageId, c.Position });
        b.HasOne<JourneyStage>().WithMany().HasForeignKey(c => c.StageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class JourneyShareLinkConfiguration : IEntityTypeConfiguration<JourneyShareLink>
{
    public void Configure(EntityTypeBuilder<JourneyShareLink> b)
    {
        b.ToTable("JourneyShareLinks");
        b.Property(l => l.TokenHash).HasMaxLength(64);
        b.Property(l => l.Label).HasMaxLength(JourneyShareLink.MaxLabel);
        b.HasIndex(l => l.TokenHash).IsUnique();
        b.HasIndex(l => l.JourneyId);
        b.HasOne<Journey>().WithMany().HasForeignKey(l => l.JourneyId).OnDelete(DeleteBehavior.Cascade);
    }
}
