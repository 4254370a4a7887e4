using Cerchio.Organizations.Domain;
using Cerchio.Tenancy;

namespace Cerchio.Tests.Organizations;

/// <summary>The rules on <see cref="Membership"/> without a database: the pages only count administrators and call them.</summary>
public sealed class MembershipRulesTests
{
    [Fact]
    public void MembershipRules_KeepOneActiveAdministrator()
    {
        var actor = Guid.NewGuid();
        Membership Admin() => new() { Id = Guid.NewGuid(), UserId = Guid.NewGuid(), Role = Role.Administrator };

        var last = Admin();
        Assert.Contains(last.Change(Role.Agent, null, actor, activeAdministrators: 1).For("Role"),
            e => e.Text == "L'organizzazione deve avere almeno un amministratore attivo.");
        Assert.Equal(Role.Administrator, last.Role);
        Assert.True(last.Deactivate(actor, activeAdministrators: 1).Any);
        Assert.True(last.IsActive);

        var oneOfTwo = Admin();
        Assert.False(oneOfTwo.Change(Role.Agent, null, actor, activeAdministrators: 2).Any);
        Assert.Equal(Role.Agent, oneOfTwo.Role);

        var other = Admin();
        Assert.False(other.Deactivate(actor, activeAdministrators: 2).Any);
        Assert.False(other.IsActive);

        // An inactive administrator does not count, so changing them is always allowed.
        Assert.False(other.Change(Role.Agent, null, actor, activeAdministrators: 1).Any);
    }
}
