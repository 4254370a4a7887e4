using Cerchio.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cerchio.Data.Outbox;

/// <summary>An event as published: written in the same transaction as the change that caused it.</summary>
public sealed class ModuleEventRecord
{
    public Guid Id { get; set; }
    public Guid? OrganizationId { get; set; }

    /// <summary>The event's CLR type name: what the payload deserialises to.</summary>
    public string Type { get; set; } = "";

    public string Payload { get; set; } = "";
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>Known while publishing, to find the subscribers; not stored.</summary>
    internal Type? EventType { get; set; }
}

public enum DeliveryStatus
{
    Pending,
    Done,
    Failed,
}

/// <summary>
/// One event for one handler. Each subscriber has its own row, so a failing handler is retried alone and the others
/// never run twice because of it. A claim is a lease: a process that dies while handling leaves a lease that expires,
/// and the delivery is picked up again.
/// </summary>
public sealed class ModuleEventDelivery
{
    public Guid Id { get; set; }
    public Guid EventId { get; set; }
    public string Handler { get; set; } = "";
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public Guid? ClaimToken { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? LastError { get; set; }
}

public enum EmailStatus
{
    Queued,
    Sent,
    Failed,
}

/// <summary>
/// A message waiting for, or done with, its SMTP server. The whole MIME message is stored as it will be sent, so a
/// retry sends the very same bytes with the same Message-ID.
/// </summary>
[NotAudited]   // the message is the record: the audit log would copy every body
public sealed class OutgoingEmail : IOrganizationScoped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }

    /// <summary>Which SMTP server sends it (a mailbox's, later); null: the system server of the Smtp settings.</summary>
    public string? Route { get; set; }

    /// <summary>What the message belongs to (a case message, an invitation), so its page can show how delivery went.</summary>
    public Guid? RelatedId { get; set; }

    public string MessageId { get; set; } = "";
    public string Recipients { get; set; } = "";
    public string Subject { get; set; } = "";
    public byte[] Mime { get; set; } = [];
    public EmailStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The server's own answer to the last failed attempt.</summary>
    public string? LastError { get; set; }
}

internal sealed class ModuleEventRecordConfiguration : IEntityTypeConfiguration<ModuleEventRecord>
{
    public void Configure(EntityTypeBuilder<ModuleEventRecord> b)
    {
        b.ToTable("ModuleEvents");
        b.Property(e => e.Type).HasMaxLength(300);
        b.Ignore(e => e.EventType);
        b.HasIndex(e => e.OccurredAt);
    }
}

internal sealed class ModuleEventDeliveryConfiguration : IEntityTypeConfiguration<ModuleEventDelivery>
{
    public void Configure(EntityTypeBuilder<ModuleEventDelivery> b)
    {
        b.ToTable("ModuleEventDeliveries");
        b.Property(d => d.Handler).HasMaxLength(300);
        b.Property(d => d.LastError).HasMaxLength(2000);
        b.HasIndex(d => new { d.EventId, d.Handler }).IsUnique();
        b.HasIndex(d => new { d.Status, d.NextAttemptAt });
        b.HasOne<ModuleEventRecord>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutgoingEmailConfiguration : IEntityTypeConfiguration<OutgoingEmail>
{
    public void Configure(EntityTypeBuilder<OutgoingEmail> b)
    {
        b.ToTable("OutgoingEmails");
        b.Property(e => e.Route).HasMaxLength(100);
        b.Property(e => e.MessageId).HasMaxLength(300);
        b.Property(e => e.Recipients).HasMaxLength(2000);
        b.Property(e => e.Subject).HasMaxLength(1000);
        b.Property(e => e.LastError).HasMaxLength(2000);
        b.HasIndex(e => new { e.OrganizationId, e.RelatedId });
    }
}
