package dev.gatehouse.policy;

import dev.gatehouse.api.ProblemCode;

import dev.gatehouse.api.InputException;

import dev.gatehouse.api.Problem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an input file as UTF-8 text, the encoding the AWS CLI writes: a UTF-8 byte order mark is
 * dropped; a UTF-16 or UTF-32 one, bytes that are not UTF-8, a directory, a missing file, or a file larger
 * than {@link #MAX_BYTES} (or than the heap can load, {@link #limit()}), and anything but a regular file (a named
 * pipe, a device) become one {@link InputException} line naming the file. A gzip-compressed file
 * (such as {@code decisions-10k.json.gz}) is read as the text it holds, up to the same size.
 */
public final class TextFile {
    /** The largest input file read: far above any real export (the largest AWS account exports are tens of MB). */
    public static final long MAX_BYTES = 512L * 1024 * 1024;

    /**
     * Heap a file takes while it is loaded, per byte of the file: its bytes, its text, the JSON tree and the facts
     * made of it (measured on GAAD exports made by repeating iam-vulnerable's users and roles: 78 MB, 79,260
     * principals, loaded in a 768 MB heap; 100 MB in 1 GB).
     */
    static final int HEAP_PER_BYTE = 10;

    private TextFile() {
    }

    /** The largest file this run can read: {@link #MAX_BYTES}, or less when the heap could not parse that much. */
    public static long limit() {
        return Math.min(MAX_BYTES, Runtime.getRuntime().maxMemory() / HEAP_PER_BYTE);
    }

    private static String tooLarge(String size, long limit) {
        return "cannot read: " + size + ", more than the " + limit + " bytes " + (limit < MAX_BYTES
                ? "this run's heap (" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB) can parse; " + MORE_HEAP
                : "a file may have; split the file");
    }

    /** What to do when a file is more than the heap holds: the heap that holds the largest file read. */
    public static final String MORE_HEAP = "give Java more heap (GATEHOUSE_JAVA_OPTS=-Xmx"
            + Math.max(2, (MAX_BYTES * HEAP_PER_BYTE) / (1024L * 1024 * 1024)) + "g) or split the file";

    public static String read(Path p) {
        String name = p.toString();
        byte[] b;
        try {
            java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class);
            if (a.isDirectory()) {
                throw new InputException(new Problem(ProblemCode.FILE_UNREADABLE, name, "", "cannot read: a directory, expected a JSON file"));
            }
            if (!a.isRegularFile()) {
                // a named pipe would wait for a writer forever, a device (/dev/zero) never ends
                throw new InputException(new Problem(ProblemCode.FILE_UNREADABLE, name, "", "cannot read: not a regular file (a named pipe, "
                        + "a device or a socket); give the file itself"));
            }
            long size = a.size();
            long limit = limit();
            if (size > limit) {
                throw new InputException(new Problem(ProblemCode.FILE_UNREADABLE, name, "", tooLarge(size + " bytes", limit)));
            }
            b = Files.readAllBytes(p);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InputException(new Problem(ProblemCode.FILE_UNREADABLE, name, "", Files.isSymbolicLink(p)
                    ? "cannot read: a link to a file that does not exist" : "no such file"));
        } catch (java.nio.file.AccessDeniedException e) {
            throw new InputException(new Problem(ProblemCode.FILE_UNREADABLE, name, "", "cannot read: permission denied"));
        } catch (IOException e) {
            throw new InputException(new Problem(ProblemCode.FILE_UNREADABLE, name, "", "cannot read: " + e.getMessage()));
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
            b = gunzip(b, name);
        }
        return decode(b, name);
    }

    private static byte[] gunzip(byte[] b, String name) {
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(b))) {
            long limit = limit();
            byte[] out = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (out.length > limit) {
                throw new InputException(new Problem(ProblemCode.FILE_UNREADABLE, name, "", tooLarge("a gzip file that holds more", limit)));
            }
            return out;
        } catch (IOException e) {
            throw new InputException(new Problem(ProblemCode.FILE_UNREADABLE, name, "", "cannot read: a damaged gzip file ("
                    + e.getMessage() + "); decompress it with gunzip to see what is wrong"));
        }
    }

    /** UTF-8 bytes to text, or one clear line about the encoding they are in instead. */
    public static String decode(byte[] b, String name) {
        int start = 0;
        if (b.length >= 4 && ((b[0] == 0 && b[1] == 0 && (b[2] & 0xff) == 0xfe && (b[3] & 0xff) == 0xff)
                || ((b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe && b[2] == 0 && b[3] == 0))) {
            throw new InputException(new Problem(ProblemCode.FILE_UNREADABLE, name, "", "expected UTF-8 text, found UTF-32 (byte order mark); "
                    + "convert the file to UTF-8"));
        }
        if (b.length >= 2 && (((b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) || ((b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe))) {
            throw new InputException(new Problem(ProblemCode.FILE_UNREADABLE, name, "", "expected UTF-8 text, found UTF-16 (byte order mark); "
                    + "convert the file to UTF-8 (PowerShell's `>` writes UTF-16: use `| Out-File -Encoding utf8`)"));
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
            start = 3;
        }
        // one pass: the decoder stops at the first byte that is not UTF-8, and says where
        ByteBuffer in = ByteBuffer.wrap(b, start, b.length - start);
        CharBuffer out = CharBuffer.allocate(b.length - start);
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult r = dec.decode(in, out, true);
        if (r.isError()) {
            int at = in.position();
            throw new InputException(new Problem(ProblemCode.FILE_UNREADABLE, name, "", "expected UTF-8 text, found a byte that is not UTF-8 (0x"
                    + String.format("%02x", b[at] & 0xff) + " at offset " + at + "); convert the file to UTF-8"));
        }
        dec.flush(out);
        return out.flip().toString();
    }
}
