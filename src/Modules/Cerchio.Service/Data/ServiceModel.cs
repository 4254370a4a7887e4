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
        // Ticks on both databases: SQLite has no interval type.
        b.Property(c => c.WaitedOnCustomer).HasConversion<long>();
        b.Property(c => c.SubmittedFrom).HasMaxLength(64);
        b.HasIndex(c => new { c.OrganizationId, c.Number }).IsUnique();
        b.HasIndex(c => new { c.OrganizationId, c.ExternalId }).IsUnique();
        // The inbox: open work by due time, then by id for a stable keyset order. The columns after the id make it cover
        // the views' counts and the due-soon count, which then read the index alone, not every open case's row.
        b.HasIndex(c => new { c.OrganizationId, c.Status, c.SlaDueAt, c.Id, c.Priority, c.Type, c.FirstResponseAt, c.AssigneeId, c.DepartmentId, c.IsComplaint });
        b.HasIndex(c => new { c.OrganizationId, c.AssigneeId, c.Status });
        b.HasIndex(c => new { c.OrganizationId, c.DepartmentId, c.Status });
        b.HasIndex(c => new { c.OrganizationId, c.CustomerId, c.CreatedAt });
        b.HasIndex(c => new { c.OrganizationId, c.LastActivityAt, c.Id });
        // The inbox's other orders and views: every open case by due time (only open cases have one), newest first,
        // recently resolved.
        b.HasIndex(c => new { c.OrganizationId, c.SlaDueAt, c.Id });
        b.HasIndex(c => new { c.OrganizationId, c.CreatedAt, c.Id });
        b.HasIndex(c => new { c.OrganizationId, c.ResolvedAt, c.Status });
        // The open cases of a period (ResolvedAt null) by when they were opened: the journey map judges their SLA now.
        b.HasIndex(c => new { c.OrganizationId, c.ResolvedAt, c.CreatedAt });
        // The web form's rate limit: the last hour's cases of one channel.
        b.HasIndex(c => new { c.OrganizationId, c.Channel, c.CreatedAt });
        // The target's page lists the cases merged into it. No foreign key: on SQLite adding one rebuilds the table, which
        // would drop the full-text triggers on it; cases are never deleted, and only CaseMerge writes the column.
        b.HasIndex(c => new { c.MergedIntoId, c.OrganizationId });   // led by the merge target: see CaseAttachments
    }
}

internal sealed class DeskSettingsConfiguration : IEntityTypeConfiguration<DeskSettings>
{
    public void Configure(EntityTypeBuilder<DeskSettings> b)
    {
        b.ToTable("DeskSettings");
        b.HasKey(s => s.OrganizationId);
        b.Property(s => s.OrganizationId).ValueGeneratedNever();
        // Bounded by the validation (50 closures, 5 types × 4 priorities of overrides): a few KB at most.
        b.Property(s => s.Calendar).HasMaxLength(32_000);
        b.Property(s => s.SlaPolicy).HasMaxLength(8_000);
        b.Property(s => s.PublisherRoles).HasMaxLength(200).HasDefaultValue(DeskSettings.DefaultPublisherRoles);
        b.Property(s => s.PublisherDepartments).HasMaxLength(8_000).HasDefaultValue("");
        b.Property(s => s.HeadsPublish).HasDefaultValue(true);
    }
}

internal sealed class CaseEntryConfiguration : IEntityTypeConfiguration<CaseEntry>
{
    public void Configure(EntityTypeBuilder<CaseEntry> b)
    {
        b.ToTable("CaseEntries");
        b.Property(e => e.AuthorName).HasMaxLength(200);
        b.Property(e => e.Text).HasMaxLength(Limits.Text);
        b.Property(e => e.MessageId).HasMaxLength(500);
        b.Property(e => e.From).HasMaxLength(500);
        b.Property(e => e.To).HasMaxLength(2000);
        b.Property(e => e.Cc).HasMaxLength(2000);
        b.Property(e => e.QuotedText).HasMaxLength(Limits.Text);
        b.HasIndex(e => new { e.CaseId, e.At });
        // PostgreSQL alone also has (OrganizationId, At), made by the DeskCoveringIndexes migration: its search by period
        // (DeskSearch.Periods) ANDs the full-text matches with a range of it. On SQLite, without statistics, that index
        // would lure a case's entries query away from (CaseId, At) to avoid sorting (ADR 0013).
        // Threading looks replies up by Message-ID; a message fetched twice (two pollers, a webhook retry) is refused here.
        b.HasIndex(e => new { e.OrganizationId, e.MessageId }).IsUnique();
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

internal sealed class MailboxConfiguration : IEntityTypeConfiguration<Mailbox>
{
    public void Configure(EntityTypeBuilder<Mailbox> b)
    {
        b.ToTable("Mailboxes");
        b.Property(m => m.Name).HasMaxLength(100);
        b.Property(m => m.Address).HasMaxLength(254);
        b.Property(m => m.SenderName).HasMaxLength(200);
        b.Property(m => m.Signature).HasMaxLength(4000);
        b.Property(m => m.ImapHost).HasMaxLength(255);
        b.Property(m => m.ImapUserName).HasMaxLength(254);
        b.Property(m => m.ImapFolder).HasMaxLength(200);
        b.Property(m => m.SmtpHost).HasMaxLength(255);
        b.Property(m => m.SmtpUserName).HasMaxLength(254);
        b.Property(m => m.LastPollError).HasMaxLength(2000);
        b.HasIndex(m => new { m.OrganizationId, m.Address }).IsUnique();
    }
}

internal sealed class InboundEmailConfiguration : IEntityTypeConfiguration<InboundEmail>
{
    public void Configure(EntityTypeBuilder<InboundEmail> b)
    {
        b.ToTable("InboundEmails");
        b.Property(e => e.Source).HasMaxLength(20);
        b.Property(e => e.MessageId).HasMaxLength(500);
        b.Property(e => e.From).HasMaxLength(500);
        b.Property(e => e.Subject).HasMaxLength(Limits.Subject);
        b.Property(e => e.Reason).HasMaxLength(2000);
        b.HasIndex(e => new { e.OrganizationId, e.Outcome, e.ReceivedAt });
    }
}

internal sealed class CaseAttachmentConfiguration : IEntityTypeConfiguration<CaseAttachment>
{
    public void Configure(EntityTypeBuilder<CaseAttachment> b)
    {
        b.ToTable("CaseAttachments");
        b.Property(a => a.FileName).HasMaxLength(255);
        b.Property(a => a.ContentType).HasMaxLength(255);
        b.Property(a => a.ContentId).HasMaxLength(500);
        b.HasIndex(a => a.EntryId);
        // Led by the case and then the organization: SQLite without statistics otherwise ties a case's lookup (which
        // the organization filter also names) with the organization's own index, and may walk all its attachments.
        b.HasIndex(a => new { a.CaseId, a.OrganizationId });
        b.HasOne<Case>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class HandOffConfiguration : IEntityTypeConfiguration<HandOff>
{
    public void Configure(EntityTypeBuilder<HandOff> b)
    {
        b.ToTable("HandOffs");
        b.Property(h => h.Request).HasMaxLength(HandOff.MaxText);
        b.Property(h => h.Answer).HasMaxLength(HandOff.MaxText);
        b.Property(h => h.RequestedByName).HasMaxLength(200);
        b.Property(h => h.AnsweredByName).HasMaxLength(200);
        b.HasIndex(h => new { h.OrganizationId, h.DepartmentId, h.Status, h.DueAt });
        b.HasIndex(h => new { h.OrganizationId, h.AssigneeId, h.Status });
        // A person's open requests (HandOffs.OpenFor, on every page's sidebar): the open ones, read from the index alone.
        b.HasIndex(h => new { h.OrganizationId, h.Status, h.AssigneeId, h.DepartmentId });
        b.HasIndex(h => new { h.CaseId, h.OrganizationId });   // as CaseAttachments: led by the case
        b.HasOne<Case>().WithMany().HasForeignKey(h => h.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CannedReplyConfiguration : IEntityTypeConfiguration<CannedReply>
{
    public void Configure(EntityTypeBuilder<CannedReply> b)
    {
        b.ToTable("CannedReplies");
        b.Property(r => r.Title).HasMaxLength(CannedReply.MaxTitle);
        b.Property(r => r.TitleKey).HasMaxLength(CannedReply.MaxTitle);
        b.Property(r => r.Body).HasMaxLength(CannedReply.MaxBody);
        b.Property(r => r.Language).HasMaxLength(2);
        b.Property(r => r.CreatedBy).HasMaxLength(200);
        b.Property(r => r.UpdatedBy).HasMaxLength(200);
        b.HasIndex(r => new { r.OrganizationId, r.TitleKey }).IsUnique();
    }
}

internal static class Limits
{
    public const int Subject = 300;

    /// <summary>About 50 pages of text: a long email thread, not a file dump (attachments are files).</summary>
    public const int Text = 200_000;
}

internal sealed class AnnouncementConfiguration : IEntityTypeConfiguration<Announcement>
{
    public void Configure(EntityTypeBuilder<Announcement> b)
    {
        b.ToTable("Announcements");
        b.Property(a => a.Title).HasMaxLength(Announcement.MaxTitle);
        b.Property(a => a.Body).HasMaxLength(Announcement.MaxBody);
        // Bounded by the organization's departments (ids of 36 characters) and by the five roles.
        b.Property(a => a.AudienceDepartments).HasMaxLength(8_000);
        b.Property(a => a.AudienceRoles).HasMaxLength(200);
        b.Property(a => a.Touchpoints).HasMaxLength(2_000);
        b.Property(a => a.Products).HasMaxLength(Announcement.MaxProducts);
        b.Property(a => a.AuthorName).HasMaxLength(200);
        // The list (newest launch first) and the reminder's pass (due reminders of published announcements).
        b.HasIndex(a => new { a.OrganizationId, a.Status, a.EffectiveAt });
        b.HasIndex(a => new { a.Status, a.RemindAt });
    }
}

internal sealed class AnnouncementReceiptConfiguration : IEntityTypeConfiguration<AnnouncementReceipt>
{
    public void Configure(EntityTypeBuilder<AnnouncementReceipt> b)
    {
        b.ToTable("AnnouncementReceipts");
        b.HasOne<Announcement>().WithMany().HasForeignKey(r => r.AnnouncementId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.AnnouncementId, r.UserId }).IsUnique();
        // A person's unread announcements: the banner and the sidebar count, on every page.
        b.HasIndex(r => new { r.OrganizationId, r.UserId, r.AcknowledgedAt });
    }
}

internal sealed class AnnouncementPostConfiguration : IEntityTypeConfiguration<AnnouncementPost>
{
    public void Configure(EntityTypeBuilder<AnnouncementPost> b)
    {
        b.ToTable("AnnouncementPosts");
        b.HasOne<Announcement>().WithMany().HasForeignKey(p => p.AnnouncementId).OnDelete(DeleteBehavior.Cascade);
        b.Property(p => p.Text).HasMaxLength(AnnouncementPost.MaxText);
        b.Property(p => p.Answer).HasMaxLength(AnnouncementPost.MaxText);
        b.Property(p => p.DecisionReason).HasMaxLength(AnnouncementPost.MaxText);
        b.Property(p => p.AuthorName).HasMaxLength(200);
        b.Property(p => p.AnsweredBy).HasMaxLength(200);
        b.HasIndex(p => new { p.AnnouncementId, p.At });
    }
}

internal sealed class AnnouncementPostSupportConfiguration : IEntityTypeConfiguration<AnnouncementPostSupport>
{
    public void Configure(EntityTypeBuilder<AnnouncementPostSupport> b)
    {
        b.ToTable("AnnouncementPostSupports");
        b.HasOne<AnnouncementPost>().WithMany().HasForeignKey(s => s.PostId).OnDelete(DeleteBehavior.Cascade);
        b.Property(s => s.UserName).HasMaxLength(200);
        b.HasIndex(s => new { s.PostId, s.UserId }).IsUnique();
    }
}

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> b)
    {
        b.ToTable("Articles");
        b.Property(a => a.Language).HasMaxLength(2);
        b.Property(a => a.Title).HasMaxLength(Article.MaxTitle);
        b.Property(a => a.Body).HasMaxLength(Article.MaxBody);
        b.Property(a => a.Category).HasMaxLength(Article.MaxCategory);
        b.Property(a => a.Tags).HasMaxLength(Article.MaxTags);
        b.Property(a => a.Touchpoints).HasMaxLength(2_000);
        b.Property(a => a.CreatedBy).HasMaxLength(200);
        b.Property(a => a.UpdatedBy).HasMaxLength(200);
        // The list by category and title; an article's other languages. The text is searched through the full-text
        // index the KnowledgeSearch migration adds (FTS5 on SQLite, a tsvector on PostgreSQL).
        b.HasIndex(a => new { a.OrganizationId, a.Status, a.Category, a.Title });
        b.HasIndex(a => new { a.GroupId, a.Language }).IsUnique();
        // The stale articles' pass: published ones past their review date.
        b.HasIndex(a => new { a.Status, a.ReviewBy });
    }
}

internal sealed class DocumentFileConfiguration : IEntityTypeConfiguration<DocumentFile>
{
    public void Configure(EntityTypeBuilder<DocumentFile> b)
    {
        b.ToTable("DocumentFiles");
        b.Property(f => f.FileName).HasMaxLength(255);
        b.Property(f => f.ContentType).HasMaxLength(255);
        b.Property(f => f.AddedBy).HasMaxLength(200);
        // An announcement's or an article's files: led by the owner, as CaseAttachments are by the case.
        b.HasIndex(f => new { f.OwnerId, f.OrganizationId });
    }
}

internal sealed class ArticleVersionConfiguration : IEntityTypeConfiguration<ArticleVersion>
{
    public void Configure(EntityTypeBuilder<ArticleVersion> b)
    {
        b.ToTable("ArticleVersions");
        b.HasOne<Article>().WithMany().HasForeignKey(v => v.ArticleId).OnDelete(DeleteBehavior.Cascade);
        b.Property(v => v.Title).HasMaxLength(Article.MaxTitle);
        b.Property(v => v.Body).HasMaxLength(Article.MaxBody);
        b.Property(v => v.SavedBy).HasMaxLength(200);
        b.HasIndex(v => new { v.ArticleId, v.Version }).IsUnique();
    }
}

internal sealed class ArticleUseConfiguration : IEntityTypeConfiguration<ArticleUse>
{
    public void Configure(EntityTypeBuilder<ArticleUse> b)
    {
        b.ToTable("ArticleUses");
        b.HasOne<Article>().WithMany().HasForeignKey(u => u.ArticleId).OnDelete(DeleteBehavior.Cascade);
        // The article's page counts its uses; the case page lists the articles it used.
        b.HasIndex(u => new { u.ArticleId, u.At });
        b.HasIndex(u => new { u.CaseId, u.OrganizationId });
    }
}

internal sealed class ArticleRatingConfiguration : IEntityTypeConfiguration<ArticleRating>
{
    public void Configure(EntityTypeBuilder<ArticleRating> b)
    {
        b.ToTable("ArticleRatings");
        b.HasOne<Article>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        b.Property(r => r.UserName).HasMaxLength(200);
        b.Property(r => r.Note).HasMaxLength(ArticleRating.MaxNote);
        b.HasIndex(r => new { r.ArticleId, r.UserId }).IsUnique();
    }
}
