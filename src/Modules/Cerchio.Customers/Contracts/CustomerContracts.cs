namespace Cerchio.Customers.Contracts;

public sealed record CustomerCounts(int Customers, int EventsSince);

/// <summary>What other modules and the host may ask about the current organization's customers.</summary>
public interface ICustomerDirectory
{
    Task<CustomerCounts> CountsAsync(DateTimeOffset eventsSince, CancellationToken ct = default);
}

/// <summary>Fills the current organization with realistic Italian customers and a year of their events.</summary>
public interface ICustomerDemoData
{
    Task SeedAsync(int customers, int seed, CancellationToken ct = default);
}
