package dev.switchboard.console.shell;

import javafx.scene.Parent;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one {@link Page} every console page is: it forwards the page's life to its view model
 * ({@link PageModel}) and builds the view (controller plus FXML) on first use. Pages differ only
 * in their model and in how their view is built, which {@link #of} takes.
 *
 * <p>Threads: the JavaFX thread (see {@link Page}).
 */
public final class ModelPage<M extends PageModel> implements Page {
    private final M model;
    private final Supplier<View> build;
    private View view;

    private ModelPage(M model, Supplier<View> build) {
        this.model = model;
        this.build = build;
    }

    /**
     * A page of {@code model}, whose view is {@code load(controller(model))} and whose Ctrl+F runs
     * {@code focus} on that controller.
     */
    public static <M extends PageModel, C> ModelPage<M> of(M model, Function<? super M, C> controller,
                                                           Function<C, Parent> load, Consumer<C> focus) {
        return new ModelPage<>(model, () -> {
            C c = controller.apply(model);
            return new View(load.apply(c), () -> focus.accept(c));
        });
    }

    public M model() {
        return model;
    }

    @Override
    public Parent view() {
        return built().root();
    }

    @Override
    public void activated() {
        model.activate();
    }

    @Override
    public void deactivated() {
        model.deactivate();
    }

    /** The view exists first, so whatever the argument brings is shown. */
    @Override
    public void open(String argument) {
        built();
        model.open(argument);
    }

    @Override
    public void focusSearch() {
        built().focus().run();
    }

    @Override
    public void dispose() {
        model.dispose();
    }

    private View built() {
        if (view == null) {
            view = build.get();
        }
        return view;
    }

    /** The built view: its root node and what focuses its search field. */
    private record View(Parent root, Runnable focus) {
    }
}
