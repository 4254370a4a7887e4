using Cerchio.Organizations.Domain;

namespace Cerchio.Tests.Organizations;

public sealed class ApiKeyRulesTests
{
    [Fact]
    public void EveryIssuedKey_IsFoundByItsPrefix_AndMatches()
    {
        // A base64url secret contains '_' in about 40% of keys: those must authenticate like the others.
        for (var i = 0; i < 200; i++)
        {
            var (key, plain) = ApiKey.Issue("k", "test", DateTimeOffset.UnixEpoch);
            Assert.Equal(key.Prefix, ApiKey.PrefixOf(plain));
            Assert.True(key.Matches(plain));
        }

        Assert.Null(ApiKey.PrefixOf("cer_short_secret"));
        Assert.Null(ApiKey.PrefixOf("xyz_000000000000_secret"));
    }
}
