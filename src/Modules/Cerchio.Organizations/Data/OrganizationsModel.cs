using Cerchio.Organizations.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cerchio.Organizations.Data;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.ToTable("Organizations");
        b.Property(o => o.Name).HasMaxLength(200);
        b.Property(o => o.VatNumber).HasMaxLength(20);
        b.Property(o => o.Language).HasMaxLength(5);
        b.Property(o => o.Slug).HasMaxLength(OrganizationSlug.MaxLength);
        b.HasIndex(o => o.Slug).IsUnique();
    }
}

internal sealed class OrganizationLogoConfiguration : IEntityTypeConfiguration<OrganizationLogo>
{
    public void Configure(EntityTypeBuilder<OrganizationLogo> b)
    {
        b.ToTable("OrganizationLogos");
        b.HasKey(l => l.OrganizationId);
        b.Property(l => l.ContentType).HasMaxLength(40);
        b.HasOne<Organization>().WithOne().HasForeignKey<OrganizationLogo>(l => l.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> b)
    {
        b.ToTable("Memberships");
        b.Property(m => m.JobTitle).HasMaxLength(100);
        b.HasIndex(m => new { m.UserId, m.OrganizationId }).IsUnique();
        b.HasOne(m => m.Organization).WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Department).WithMany().HasForeignKey(m => m.DepartmentId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Cerchio.Data.CerchioUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.ToTable("Departments");
        b.Property(d => d.Name).HasMaxLength(100);
        b.HasIndex(d => new { d.OrganizationId, d.Name }).IsUnique();
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.ToTable("Invitations");
        b.Property(i => i.Email).HasMaxLength(256);
        b.Property(i => i.TokenHash).HasMaxLength(64);
        b.Property(i => i.InvitedBy).HasMaxLength(200);
        b.HasIndex(i => i.TokenHash).IsUnique();
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.ToTable("ApiKeys");
        b.Property(k => k.Name).HasMaxLength(100);
        b.Property(k => k.Prefix).HasMaxLength(12);
        b.Property(k => k.SecretHash).HasMaxLength(64);
        b.Property(k => k.CreatedBy).HasMaxLength(200);
        b.Ignore(k => k.IsActive);
        b.HasIndex(k => k.Prefix).IsUnique();
    }
}

internal sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> b)
    {
        b.ToTable("SignInSessions");
        b.HasKey(s => s.KeyHash);
        b.Property(s => s.KeyHash).HasMaxLength(64);
        b.HasIndex(s => s.ExpiresAt);
        // A deleted account takes its sessions with it.
        b.HasOne<Cerchio.Data.CerchioUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("Notifications");
        b.Property(n => n.Kind).HasConversion<string>().HasMaxLength(40);
        b.Property(n => n.Title).HasMaxLength(Notification.MaxTitle);
        b.Property(n => n.Link).HasMaxLength(Notification.MaxLink);
        b.Ignore(n => n.IsRead);
        // The bell counts a person's unread ones on every page; the page lists them newest first.
        b.HasIndex(n => new { n.OrganizationId, n.RecipientId, n.ReadAt });
        b.HasIndex(n => new { n.OrganizationId, n.RecipientId, n.CreatedAt });
        // The sweep's pruning looks for old ones across every organization (NotificationPruning).
        b.HasIndex(n => n.CreatedAt);
        // A person who leaves Cerchio takes their notifications with them.
        b.HasOne<Cerchio.Data.CerchioUser>().WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Cascade);
    }
}
