using Cerchio.Feedback.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cerchio.Feedback.Data;

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> b)
    {
        b.ToTable("Surveys");
        b.Property(s => s.Name).HasMaxLength(Survey.MaxName);
        b.Property(s => s.Brand).HasMaxLength(Survey.MaxBrand);
        b.Property(s => s.Color).HasMaxLength(7);
        b.Property(s => s.TouchpointCode).HasMaxLength(60);
        b.Property(s => s.PublicKey).HasMaxLength(Survey.PublicKeyLength);
        // The public link finds its survey before any organization is known.
        b.HasIndex(s => s.PublicKey).IsUnique();
        b.HasIndex(s => new { s.OrganizationId, s.Name });
    }
}

internal sealed class SurveyVersionConfiguration : IEntityTypeConfiguration<SurveyVersion>
{
    public void Configure(EntityTypeBuilder<SurveyVersion> b)
    {
        b.ToTable("SurveyVersions");
        b.HasOne<Survey>().WithMany().HasForeignKey(v => v.SurveyId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(v => new { v.SurveyId, v.Number }).IsUnique();
    }
}

internal sealed class SurveyInvitationConfiguration : IEntityTypeConfiguration<SurveyInvitation>
{
    public void Configure(EntityTypeBuilder<SurveyInvitation> b)
    {
        b.ToTable("SurveyInvitations");
        b.Property(i => i.TokenHash).HasMaxLength(64);
        b.Property(i => i.Email).HasMaxLength(SurveyInvitation.MaxEmail);
        b.Property(i => i.Name).HasMaxLength(SurveyInvitation.MaxName);
        b.Property(i => i.Language).HasMaxLength(2);
        b.Property(i => i.TouchpointCode).HasMaxLength(60);
        b.Property(i => i.Channel).HasMaxLength(SurveyChannels.MaxLength);
        b.HasOne<Survey>().WithMany().HasForeignKey(i => i.SurveyId).OnDelete(DeleteBehavior.Cascade);
        // The personal link finds its invitation before any organization is known.
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.HasIndex(i => new { i.OrganizationId, i.SurveyId, i.CreatedAt });
        b.HasIndex(i => new { i.OrganizationId, i.CustomerId });
        b.Property(i => i.SkipReason).HasMaxLength(40);
        b.Property(i => i.Cause).HasMaxLength(80);
        // A trigger's cause is delivered at least once: the survey invites for it once.
        b.HasIndex(i => new { i.SurveyId, i.Cause }).IsUnique();
        // The fatigue rule looks back over a person's invitations; the sweep finds the scheduled ones due.
        b.HasIndex(i => new { i.OrganizationId, i.Email, i.CreatedAt });
        b.HasIndex(i => new { i.Status, i.SendAt });
    }
}

internal sealed class SurveyTriggerConfiguration : IEntityTypeConfiguration<SurveyTrigger>
{
    public void Configure(EntityTypeBuilder<SurveyTrigger> b)
    {
        b.ToTable("SurveyTriggers");
        b.Property(t => t.On).HasMaxLength(40);
        b.Property(t => t.CaseType).HasMaxLength(40);
        b.Property(t => t.Channel).HasMaxLength(40);
        b.Property(t => t.EventType).HasMaxLength(40);
        b.Property(t => t.TouchpointCode).HasMaxLength(60);
        b.HasOne<Survey>().WithMany().HasForeignKey(t => t.SurveyId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => new { t.OrganizationId, t.On });
    }
}

internal sealed class SurveyScheduleConfiguration : IEntityTypeConfiguration<SurveySchedule>
{
    public void Configure(EntityTypeBuilder<SurveySchedule> b)
    {
        b.ToTable("SurveySchedules");
        b.Property(s => s.Attribute).HasMaxLength(SurveySchedule.MaxAttribute);
        b.Property(s => s.Value).HasMaxLength(SurveySchedule.MaxValue);
        b.Property(s => s.RunNote).HasMaxLength(40);
        b.HasOne<Survey>().WithMany().HasForeignKey(s => s.SurveyId).OnDelete(DeleteBehavior.Cascade);
        // One per survey: a few rows per organization, which the sweep reads whole to find the due ones.
        b.HasIndex(s => s.SurveyId).IsUnique();
    }
}

internal sealed class SurveyOptOutConfiguration : IEntityTypeConfiguration<SurveyOptOut>
{
    public void Configure(EntityTypeBuilder<SurveyOptOut> b)
    {
        b.ToTable("SurveyOptOuts");
        b.Property(o => o.Email).HasMaxLength(SurveyInvitation.MaxEmail);
        b.HasIndex(o => new { o.OrganizationId, o.Email }).IsUnique();
    }
}

internal sealed class FeedbackSettingsConfiguration : IEntityTypeConfiguration<FeedbackSettings>
{
    public void Configure(EntityTypeBuilder<FeedbackSettings> b)
    {
        b.ToTable("FeedbackSettings");
        b.HasKey(s => s.OrganizationId);
        b.Property(s => s.OrganizationId).ValueGeneratedNever();
    }
}

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> b)
    {
        b.ToTable("SurveyResponses");
        b.Property(r => r.BrowserKeyHash).HasMaxLength(64);
        b.Property(r => r.TouchpointCode).HasMaxLength(60);
        b.Property(r => r.Channel).HasMaxLength(SurveyChannels.MaxLength);
        b.Property(r => r.Language).HasMaxLength(2);
        b.Property(r => r.Comment).HasMaxLength(SurveyResponse.MaxComment);
        b.Property(r => r.Sentiment).HasMaxLength(10);
        b.Property(r => r.Emotions).HasMaxLength(200);
        b.HasOne<Survey>().WithMany().HasForeignKey(r => r.SurveyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SurveyVersion>().WithMany().HasForeignKey(r => r.VersionId).OnDelete(DeleteBehavior.Restrict);
        // One answer per invitation, whatever races for it; one per browser on a public link.
        b.HasOne<SurveyInvitation>().WithMany().HasForeignKey(r => r.InvitationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => r.InvitationId).IsUnique();
        b.HasIndex(r => new { r.SurveyId, r.BrowserKeyHash }).IsUnique();
        // An imported row once per survey, however often its file is imported.
        b.Property(r => r.ImportKey).HasMaxLength(64);
        b.HasIndex(r => new { r.SurveyId, r.ImportKey }).IsUnique();
        // Results read a survey's answers by day; the journey map reads every survey's by touchpoint and day.
        b.HasIndex(r => new { r.OrganizationId, r.SurveyId, r.AnsweredAt });
        b.HasIndex(r => new { r.OrganizationId, r.AnsweredAt, r.TouchpointCode });
        // A customer's page reads that customer's answers.
        b.HasIndex(r => new { r.OrganizationId, r.CustomerId, r.AnsweredAt });
    }
}

internal sealed class SurveyResponseTopicConfiguration : IEntityTypeConfiguration<SurveyResponseTopic>
{
    public void Configure(EntityTypeBuilder<SurveyResponseTopic> b)
    {
        b.ToTable("SurveyResponseTopics");
        // An answer's topics are read and replaced by its key.
        b.HasKey(t => new { t.ResponseId, t.Code });
        b.Property(t => t.Code).HasMaxLength(TextTopic.MaxCode);
        b.Property(t => t.Sentiment).HasMaxLength(10);
        b.HasOne<SurveyResponse>().WithMany().HasForeignKey(t => t.ResponseId).OnDelete(DeleteBehavior.Cascade);
        // Covering, so neither reads the rows: a topic's answers by day (the answers' filter); the topics of a period,
        // of every survey or of one, by sentiment (the trends).
        b.HasIndex(t => new { t.OrganizationId, t.Code, t.AnsweredAt, t.ResponseId });
        b.HasIndex(t => new { t.OrganizationId, t.AnsweredAt, t.Code, t.Sentiment });
        b.HasIndex(t => new { t.OrganizationId, t.SurveyId, t.AnsweredAt, t.Code, t.Sentiment });
    }
}

internal sealed class SurveyAnswerItemConfiguration : IEntityTypeConfiguration<SurveyAnswerItem>
{
    public void Configure(EntityTypeBuilder<SurveyAnswerItem> b)
    {
        b.ToTable("SurveyAnswerItems");
        b.Property(i => i.QuestionId).HasMaxLength(SurveyAnswerItem.MaxQuestionId);
        b.Property(i => i.Value).HasMaxLength(SurveyQuestion.MaxAnswer);
        b.HasOne<SurveyResponse>().WithMany().HasForeignKey(i => i.ResponseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(i => i.ResponseId);
        // The results count a survey's values per question.
        b.HasIndex(i => new { i.OrganizationId, i.SurveyId, i.QuestionId });
    }
}

internal sealed class LoopTaskConfiguration : IEntityTypeConfiguration<LoopTask>
{
    public void Configure(EntityTypeBuilder<LoopTask> b)
    {
        b.ToTable("LoopTasks");
        b.Property(l => l.Email).HasMaxLength(SurveyInvitation.MaxEmail);
        b.Property(l => l.Name).HasMaxLength(SurveyInvitation.MaxName);
        b.Property(l => l.TouchpointCode).HasMaxLength(60);
        b.Property(l => l.Reasons).HasMaxLength(80);
        b.Property(l => l.Outcome).HasMaxLength(40);
        b.Property(l => l.Note).HasMaxLength(LoopTask.MaxNote);
        b.Property(l => l.ClosedByName).HasMaxLength(200);
        b.HasOne<SurveyResponse>().WithMany().HasForeignKey(l => l.ResponseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<LoopRootCause>().WithMany().HasForeignKey(l => l.RootCauseId).OnDelete(DeleteBehavior.Restrict);
        // One loop per answer, however often its event is delivered.
        b.HasIndex(l => l.ResponseId).IsUnique();
        b.HasIndex(l => new { l.OrganizationId, l.Number }).IsUnique();
        // The lists read open loops by due date; the escalation sweep finds the overdue ones not yet escalated.
        b.HasIndex(l => new { l.OrganizationId, l.Status, l.DueAt });
        b.HasIndex(l => new { l.Status, l.EscalatedAt, l.DueAt });
        b.HasIndex(l => new { l.OrganizationId, l.OpenedAt });
        b.HasIndex(l => new { l.OrganizationId, l.CustomerId, l.Status });
    }
}

internal sealed class LoopActivityConfiguration : IEntityTypeConfiguration<LoopActivity>
{
    public void Configure(EntityTypeBuilder<LoopActivity> b)
    {
        b.ToTable("LoopActivities");
        b.Property(a => a.Kind).HasMaxLength(20);
        b.Property(a => a.Text).HasMaxLength(LoopActivity.MaxText);
        b.Property(a => a.ByName).HasMaxLength(200);
        b.HasOne<LoopTask>().WithMany().HasForeignKey(a => a.LoopId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.LoopId, a.At });
    }
}

internal sealed class LoopRootCauseConfiguration : IEntityTypeConfiguration<LoopRootCause>
{
    public void Configure(EntityTypeBuilder<LoopRootCause> b)
    {
        b.ToTable("LoopRootCauses");
        b.Property(c => c.Name).HasMaxLength(LoopRootCause.MaxName);
        b.Property(c => c.TouchpointCode).HasMaxLength(60);
        b.HasIndex(c => new { c.OrganizationId, c.Name }).IsUnique();
    }
}
