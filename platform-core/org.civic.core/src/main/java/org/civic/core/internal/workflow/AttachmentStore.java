package org.civic.core.internal.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.civic.core.api.CivicException;
import org.civic.core.internal.CoreConfig;

/**
 * Attachment files, outside the database: content-addressed by SHA-256 under the attachment
 * directory, so an identical upload is stored once. Size and content type are checked while the
 * upload streams in; a refused upload leaves nothing behind.
 */
final class AttachmentStore {

    record Stored(String fileName, String contentType, long size, String sha256) {
    }

    private final Path dir;
    private final long maxBytes;
    private final List<String> types;

    AttachmentStore(CoreConfig config) {
        String configured = config.attachments_dir();
        if (configured == null || configured.isBlank()) {
            String data = System.getProperty("karaf.data", System.getProperty("java.io.tmpdir"));
            this.dir = Paths.get(data, "civic", "attachments");
        } else {
            this.dir = Paths.get(configured);
        }
        this.maxBytes = config.attachments_maxBytes();
        this.types = List.of(config.attachments_types());
    }

    Stored store(String fileName, String contentType, InputStream data) {
        String name = fileName == null ? "" : Paths.get(fileName.replace('\\', '/')).getFileName().toString().trim();
        if (name.isEmpty() || name.length() > 200) {
            throw CivicException.invalidValue("file", "The file needs a name of at most 200 characters");
        }
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase();
        if (!types.contains(type)) {
            throw CivicException.invalidValue("file", "Files of type " + type + " are not accepted; accepted: " + types);
        }
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "upload", ".part");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha)) {
                byte[] buf = new byte[8192];
                for (int n; (n = data.read(buf)) > 0;) {
                    size += n;
                    if (size > maxBytes) {
                        throw CivicException.invalidValue("file", "The file is larger than " + maxBytes + " bytes");
                    }
                    out.write(buf, 0, n);
                }
            }
            if (size == 0) {
                throw CivicException.invalidValue("file", "The file is empty");
            }
            String hex = HexFormat.of().formatHex(sha.digest());
            Path target = path(hex);
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                Files.delete(tmp);
            } else {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            tmp = null;
            return new Stored(name, type, size, hex);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the attachment", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover .part file is harmless
                }
            }
        }
    }

    Path path(String sha256) {
        return dir.resolve(sha256.substring(0, 2)).resolve(sha256);
    }
}
