using System.Buffers;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Cerchio.Ui.Import;

/// <summary>
/// Walks an uploaded .xlsx as a plain zip before the OpenXml SDK sees it, so that no part of the package — not only
/// the sheet, but also <c>[Content_Types].xml</c> and the <c>.rels</c> parts that System.IO.Packaging parses on open —
/// can make the parsers do unbounded work. Sizes are counted on the bytes actually inflated, never on the sizes the zip
/// declares (they can lie).
/// </summary>
internal static partial class PackageCheck
{
    /// <summary>
    /// A workbook Excel writes has a dozen or two parts; one with hundreds of sheets, images and comments stays far
    /// below this. Each entry costs an object or two when the zip and the package are opened.
    /// </summary>
    public const int MaxEntries = 1_000;

    /// <summary>
    /// Inflated bytes of one entry. It matches the SDK's cap of 20 million characters per part
    /// (<see cref="SheetReader"/>): a part within it never reaches the SDK's cap, so the person gets this check's clear
    /// message, not "damaged". It is ~100,000 rows of a few columns; a bigger list is refused with a hint to split it.
    /// </summary>
    public const long MaxEntryBytes = 20_000_000;

    /// <summary>Inflated bytes of the whole package: the sheet, its shared strings and the small parts around them.</summary>
    public const long MaxPackageBytes = 50_000_000;

    /// <summary>
    /// Bytes from a '&lt;' to the next '&gt;' in an XML part. .NET's XmlReader keeps a start tag whole in its buffer and
    /// re-scans it as the buffer grows, so the time to read one tag grows with the square of its length (1 MB of
    /// whitespace inside a tag: half a second; 16 MB: a minute). The longest tags Excel writes — a root element with
    /// its namespace declarations — are about a kilobyte, and even a tag holding a cell's whole 32,767 characters as an
    /// attribute fits in 64 KB (as UTF-16 too); reading a 64 KB tag takes about a millisecond.
    /// </summary>
    public const int MaxTagBytes = 64 * 1024;

    /// <summary>How the check failed: the package is refused as damaged, or as more data than an import takes.</summary>
    public enum Outcome
    {
        Fine,
        Malformed,
        TooMuchData,
    }

    public static Outcome Check(byte[] content, CancellationToken ct)
    {
        using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        var entries = zip.Entries;
        if (entries.Count > MaxEntries)
        {
            return Outcome.TooMuchData;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long total = 0;
            foreach (var entry in entries)
            {
                ct.ThrowIfCancellationRequested();
                // Interleaved parts ("sheet1.xml/[0].piece", …) are joined by System.IO.Packaging, so a tag could be split
                // across pieces the check below sees one by one. Excel never writes them.
                if (entry.FullName.EndsWith(".piece", StringComparison.OrdinalIgnoreCase))
                {
                    return Outcome.Malformed;
                }

                using var stream = entry.Open();
                var scanner = new MarkupScanner();
                long size = 0;
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    ct.ThrowIfCancellationRequested();
                    size += read;
                    total += read;
                    if (size > MaxEntryBytes || total > MaxPackageBytes)
                    {
                        return Outcome.TooMuchData;
                    }

                    if (!scanner.Accept(buffer.AsSpan(0, read)))
                    {
                        return Outcome.Malformed;
                    }
                }
            }

            return Outcome.Fine;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Follows one entry's bytes. An entry whose first meaningful byte is not '&lt;' is not XML (an image, a printer
    /// setting) and any XML parser stops at once on it; an XML one must keep every tag within <see cref="MaxTagBytes"/>
    /// and may only declare UTF-8 or UTF-16. Counting bytes is exact for UTF-8 (the bytes of '&lt;' and '&gt;' never occur
    /// inside another character) and conservative for UTF-16 (every real '&gt;' still ends the count).
    /// </summary>
    private struct MarkupScanner
    {
        private const int DeclarationBytes = 256;
        private State _state;
        private int _tagLength;
        private byte[]? _declaration;
        private int _declarationLength;
        private bool _declarationCut;

        private enum State
        {
            Prolog,
            Binary,
            Xml,
        }

        public bool Accept(ReadOnlySpan<byte> bytes)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                var b = bytes[i];
                switch (_state)
                {
                    case State.Binary:
                        return true;
                    case State.Prolog:
                        // Whitespace, byte order marks and the zero bytes of UTF-16/UTF-32 may come before the first '<'.
                        if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0 or 0xEF or 0xBB or 0xBF or 0xFE or 0xFF)
                        {
                            continue;
                        }

                        if (b != (byte)'<')
                        {
                            _state = State.Binary;
                            return true;
                        }

                        _state = State.Xml;
                        _tagLength = 1;
                        _declaration = new byte[DeclarationBytes];
                        _declaration[_declarationLength++] = b;
                        continue;
                    default:
                        if (_declaration is not null)
                        {
                            // The first tag: if it is the XML declaration, the encoding it names is checked when it ends.
                            if (b != 0)
                            {
                                if (_declarationLength < DeclarationBytes)
                                {
                                    _declaration[_declarationLength++] = b;
                                }
                                else
                                {
                                    _declarationCut = true;
                                }
                            }

                            if (b == (byte)'>')
                            {
                                if (!KnownEncoding(_declaration.AsSpan(0, _declarationLength), _declarationCut))
                                {
                                    return false;
                                }

                                _declaration = null;
                            }
                        }

                        if (_tagLength > 0)
                        {
                            if (b == (byte)'>')
                            {
                                _tagLength = 0;
                            }
                            else if (++_tagLength > MaxTagBytes)
                            {
                                return false;
                            }
                        }
                        else if (b == (byte)'<')
                        {
                            _tagLength = 1;
                        }

                        continue;
                }
            }

            return true;
        }

        /// <summary>
        /// XmlReader switches to the encoding a declaration names; one where '&lt;' is not the byte 0x3C (EBCDIC, which the
        /// code-page provider registered for CSV makes available) would hide the tags from this check.
        /// </summary>
        private static bool KnownEncoding(ReadOnlySpan<byte> firstTag, bool cut)
        {
            var text = Encoding.Latin1.GetString(firstTag);
            if (!text.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            // A declaration is a few dozen bytes; one too long to check whole is refused rather than trusted.
            if (cut)
            {
                return false;
            }

            return EncodingAttribute().Match(text) is not { Success: true } match
                || match.Groups[1].Value.ToUpperInvariant() is "UTF-8" or "UTF8" or "UTF-16" or "UTF16" or "UNICODE";
        }
    }

    [GeneratedRegex("""encoding\s*=\s*["']([^"']*)["']""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EncodingAttribute();
}
