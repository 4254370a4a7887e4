using Cerchio.Web.Composition;

var builder = WebApplication.CreateBuilder(args);
builder.AddCerchio();

var app = builder.Build();
app.UseCerchio();

return await app.RunCerchioAsync(args);

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
