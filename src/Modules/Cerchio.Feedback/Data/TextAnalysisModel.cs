using Cerchio.Feedback.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cerchio.Feedback.Data;

internal sealed class TextCorrectionConfiguration : IEntityTypeConfiguration<TextCorrection>
{
    public void Configure(EntityTypeBuilder<TextCorrection> b)
    {
        b.ToTable("TextCorrections");
        b.Property(c => c.TextHash).HasMaxLength(64);
        b.Property(c => c.Text).HasMaxLength(TextCorrection.MaxText);
        b.Property(c => c.Language).HasMaxLength(2);
        b.Property(c => c.Sentiment).HasMaxLength(10);
        b.Property(c => c.Emotions).HasMaxLength(200);
        b.Property(c => c.Topics).HasMaxLength(2_000);
        b.Property(c => c.CorrectedBy).HasMaxLength(TextCorrection.MaxActor);
        // One correction per comment and organization: a second one changes the first.
        b.HasIndex(c => new { c.OrganizationId, c.TextHash }).IsUnique();
        // The analyzer asks whether the organization's corrections changed (count, latest change) on every analysis.
        b.HasIndex(c => new { c.OrganizationId, c.UpdatedAt });
    }
}

internal sealed class TextTopicConfiguration : IEntityTypeConfiguration<TextTopic>
{
    public void Configure(EntityTypeBuilder<TextTopic> b)
    {
        b.ToTable("TextTopics");
        b.Property(t => t.Code).HasMaxLength(TextTopic.MaxCode);
        b.Property(t => t.NameIt).HasMaxLength(TextTopic.MaxName);
        b.Property(t => t.NameEn).HasMaxLength(TextTopic.MaxName);
        b.Property(t => t.Terms).HasMaxLength(TextTopic.MaxTerms * (TextTopic.MaxTerm + 1));
        b.HasIndex(t => new { t.OrganizationId, t.Code }).IsUnique();
    }
}
