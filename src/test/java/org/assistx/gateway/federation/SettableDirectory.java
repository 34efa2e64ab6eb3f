package org.assistx.gateway.federation;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A directory in force that a test sets, telling the listeners as the real one ({@link DirectoryService}) does:
 * at once when they register, then with each new directory.
 */
public final class SettableDirectory implements FederationDirectory {

    private volatile Directory current;
    private final List<Consumer<Directory>> listeners = new CopyOnWriteArrayList<>();

    public SettableDirectory() {
    }

    public SettableDirectory(Directory initial) {
        this.current = initial;
    }

    /** Puts {@code directory} in force and tells the listeners. */
    public void set(Directory directory) {
        current = directory;
        listeners.forEach(l -> l.accept(directory));
    }

    @Override
    public Optional<Directory> current() {
        return Optional.ofNullable(current);
    }

    @Override
    public void onChange(Consumer<Directory> listener) {
        listeners.add(listener);
        current().ifPresent(listener);
    }
}
