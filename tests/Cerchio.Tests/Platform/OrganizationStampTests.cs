using Cerchio.Tenancy;

namespace Cerchio.Tests.Platform;

/// <summary>The one write rule shared by SaveChanges (the interceptor) and the bulk insert.</summary>
public sealed class OrganizationStampTests
{
    private sealed class Row : IOrganizationScoped
    {
        public Guid OrganizationId { get; set; }
    }

    [Fact]
    public void NewRow_GetsTheCurrentOrganization()
    {
        var tenant = new OrganizationContext();
        var organization = Guid.NewGuid();
        tenant.Set(organization, null, "test", Role.Administrator);
        var row = new Row();
        tenant.Stamp(row, isNew: true);
        Assert.Equal(organization, row.OrganizationId);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AnotherOrganizationsRow_IsRefused(bool isNew)
    {
        var tenant = new OrganizationContext();
        tenant.Set(Guid.NewGuid(), null, "test", Role.Administrator);
        Assert.Throws<InvalidOperationException>(() => tenant.Stamp(new Row { OrganizationId = Guid.NewGuid() }, isNew));
    }

    [Fact]
    public void WithoutAnOrganization_ANewRowMustNameIts()
    {
        var tenant = new OrganizationContext();
        Assert.Throws<InvalidOperationException>(() => tenant.Stamp(new Row(), isNew: true));
        var explicitRow = new Row { OrganizationId = Guid.NewGuid() };
        tenant.Stamp(explicitRow, isNew: true);   // set-up and system jobs name the organization themselves
        Assert.NotEqual(Guid.Empty, explicitRow.OrganizationId);
    }
}
