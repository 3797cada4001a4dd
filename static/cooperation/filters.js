/* Type-ahead for the catalogue's filter panel (templates/cooperation/_filters.html).

   The panel is a plain GET form that works without this script. Here each multiple choice
   (country, office, grouping, person) gets a combobox that follows the WAI-ARIA
   combobox-with-listbox pattern, and its chosen values become removable chips. The form's own
   controls stay the source of truth: choosing ticks the value's checkbox (or, for an office or
   person that the page does not list, adds a hidden input of the same name), and removing a chip
   unticks it, so the form submits exactly the GET it would without the script.

   Countries and groupings are few and already in the page; offices and people can be thousands,
   so they are asked of the API's lists (`?q=` matches names in both languages and acronyms). */
(function () {
  "use strict";

  var form = document.querySelector("form.filter-form");
  if (!form) {
    return;
  }
  var strings = form.dataset;
  var chinese = (document.documentElement.lang || "").indexOf("zh") === 0;
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("aria-live", "polite");
  form.appendChild(status);

  // One line of help for every type-ahead box, at the top of the panel.
  var hint = document.createElement("p");
  hint.className = "help";
  hint.id = "filters-hint";
  hint.textContent = strings.hint;
  var first = form.querySelector("fieldset.choice");
  if (first) {
    first.before(hint);
  }

  function say(message) {
    status.textContent = message;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return key in values ? values[key] : whole;
    });
  }

  function Choice(fieldset, number) {
    this.fieldset = fieldset;
    this.name = fieldset.dataset.name;
    this.suggestUrl = fieldset.dataset.suggest || "";
    this.request = null;
    this.options = [];
    this.active = -1;
    this.build(number);
    this.renderChips();
  }

  Choice.prototype.build = function (number) {
    var fieldset = this.fieldset;
    var self = this;
    // The plain controls stay in the form, out of sight: chips and the combobox stand for them.
    fieldset.querySelectorAll("ul.chosen, details.choice-list").forEach(function (element) {
      element.hidden = true;
    });
    this.chips = document.createElement("ul");
    this.chips.className = "chips";
    var legend = fieldset.querySelector("legend");
    (fieldset.querySelector(".errors") || legend).after(this.chips);

    var input = fieldset.querySelector('input[type="text"][name="' + this.name + '"]');
    var label;
    if (input) {
      // An office or person may still be typed by its key, as without the script.
      label = fieldset.querySelector('label[for="' + input.id + '"]');
      var help = fieldset.querySelector("#" + input.id + "_helptext");
      if (help) {
        help.hidden = true;
      }
    } else {
      input = document.createElement("input");
      input.type = "text";
      input.id = "combo-" + this.name;
      label = document.createElement("label");
      label.htmlFor = input.id;
      label.textContent = fieldset.dataset.addLabel;
      this.chips.after(label);
      label.after(input);
    }
    // The legend says what the box is for; the label stays for assistive technology.
    label.className = "visually-hidden";
    var errors = fieldset.querySelector(".errors");
    input.setAttribute("aria-describedby", hint.id + (errors ? " " + errors.id : ""));
    var wrapper = document.createElement("div");
    wrapper.className = "combo";
    input.before(wrapper);
    wrapper.appendChild(input);
    this.listbox = document.createElement("ul");
    this.listbox.className = "suggestions";
    this.listbox.id = "suggestions-" + number;
    this.listbox.setAttribute("role", "listbox");
    this.listbox.setAttribute("aria-label", legend.textContent);
    this.listbox.hidden = true;
    wrapper.appendChild(this.listbox);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", this.listbox.id);
    input.setAttribute("autocomplete", "off");
    this.input = input;

    input.addEventListener("input", function () {
      self.suggest(false);
    });
    input.addEventListener("keydown", function (event) {
      self.onKey(event);
    });
    input.addEventListener("blur", function () {
      self.close();
    });
    // Keep the focus in the text box while an option is clicked.
    this.listbox.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    this.listbox.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) {
        self.choose(self.options[Number(option.dataset.index)]);
      }
    });
  };

  /* The controls that carry a chosen value: ticked checkboxes and added hidden inputs. */
  Choice.prototype.chosen = function () {
    var selector = 'input[name="' + this.name + '"]';
    return Array.prototype.filter.call(this.fieldset.querySelectorAll(selector), function (input) {
      return (input.type === "checkbox" && input.checked) || input.type === "hidden";
    });
  };

  Choice.prototype.control = function (value) {
    var selector = 'input[name="' + this.name + '"]:not([type="text"])';
    return Array.prototype.find.call(this.fieldset.querySelectorAll(selector), function (input) {
      return input.value === value;
    });
  };

  Choice.prototype.renderChips = function () {
    var self = this;
    this.chips.replaceChildren();
    this.chosen().forEach(function (control) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      var name = control.dataset.label || control.value;
      button.type = "button";
      button.className = "chip";
      button.setAttribute("aria-label", fill(strings.remove, { name: name }));
      button.textContent = name + " ";
      var cross = document.createElement("span");
      cross.setAttribute("aria-hidden", "true");
      cross.textContent = "×";
      button.appendChild(cross);
      button.addEventListener("click", function () {
        self.remove(control, item);
      });
      item.appendChild(button);
      self.chips.appendChild(item);
    });
    this.chips.hidden = !this.chips.children.length;
  };

  Choice.prototype.remove = function (control, item) {
    var next = item.nextElementSibling || item.previousElementSibling;
    var position = Array.prototype.indexOf.call(this.chips.children, item);
    if (control.type === "hidden") {
      control.remove();
    } else {
      control.checked = false;
    }
    say(fill(strings.removed, { name: control.dataset.label || control.value }));
    this.renderChips();
    var chips = this.chips.querySelectorAll("button");
    if (next && chips.length) {
      chips[Math.min(position, chips.length - 1)].focus();
    } else {
      this.input.focus();
    }
  };

  /* What is being typed: for an office or person, the text after the last comma. */
  Choice.prototype.query = function () {
    var parts = this.input.value.split(",");
    return parts[parts.length - 1].trim();
  };

  /* Suggestions for what is typed; *all*: every choice when nothing is (the Down arrow). */
  Choice.prototype.suggest = function (all) {
    var query = this.query().toLowerCase();
    if (this.suggestUrl) {
      this.fetchSuggestions(query);
      return;
    }
    if (!query && !all) {
      this.close();
      return;
    }
    var chosen = this.chosen();
    var options = [];
    var boxes = this.fieldset.querySelectorAll('input[type="checkbox"][name="' + this.name + '"]');
    boxes.forEach(function (box) {
      // Any part of any word: English or Chinese name, code, acronym or alias.
      var terms = " " + (box.dataset.terms || "");
      if (chosen.indexOf(box) === -1 && terms.indexOf(query) !== -1) {
        var starts = terms.indexOf(" " + query) !== -1;
        options.push({ value: box.value, label: box.dataset.label, starts: starts });
      }
    });
    // Words that begin with what was typed first, then those that contain it.
    options.sort(function (a, b) {
      return (b.starts ? 1 : 0) - (a.starts ? 1 : 0);
    });
    this.show(options);
  };

  Choice.prototype.fetchSuggestions = function (query) {
    var self = this;
    if (this.request) {
      this.request.abort();
      this.request = null;
    }
    window.clearTimeout(this.timer);
    if (!query) {
      this.close();
      return;
    }
    // A pause between keystrokes, so that a quick typist sends one request, not one per letter.
    this.timer = window.setTimeout(function () {
      var controller = new AbortController();
      self.request = controller;
      var url = self.suggestUrl + "?page_size=10&q=" + encodeURIComponent(query);
      fetch(url, { headers: { Accept: "application/json" }, signal: controller.signal })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (body) {
          if (self.query().toLowerCase() !== query) {
            return;
          }
          self.show(
            (body.results || [])
              .filter(function (record) {
                var control = self.control(record.slug);
                return !(control && (control.checked || control.type === "hidden"));
              })
              .map(function (record) {
                return self.fromApi(record);
              })
          );
        })
        .catch(function () {
          /* an aborted or failed request suggests nothing; the typed key still works */
        });
    }, 200);
  };

  Choice.prototype.fromApi = function (record) {
    var name = chinese && record.name_zh ? record.name_zh : record.name;
    if (this.fieldset.dataset.kind === "office" && record.acronym && record.acronym !== name) {
      return { value: record.slug, label: record.acronym + " – " + name, chip: record.acronym };
    }
    return { value: record.slug, label: name, chip: name };
  };

  Choice.prototype.show = function (options) {
    var self = this;
    this.options = options.slice(0, 50);
    this.listbox.replaceChildren();
    if (!this.options.length) {
      if (this.query()) {
        say(strings.none);
      }
      this.close();
      return;
    }
    this.options.forEach(function (option, index) {
      var item = document.createElement("li");
      item.id = self.listbox.id + "-" + index;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.dataset.index = String(index);
      item.textContent = option.label;
      self.listbox.appendChild(item);
    });
    this.listbox.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
    say(fill(strings.found, { count: this.options.length }));
    // The first suggestion is ready for Enter, as in a list with automatic selection.
    this.activate(this.query() ? 0 : -1);
  };

  Choice.prototype.activate = function (index) {
    var items = this.listbox.children;
    if (this.active >= 0 && items[this.active]) {
      items[this.active].setAttribute("aria-selected", "false");
    }
    this.active = index;
    if (index >= 0 && items[index]) {
      items[index].setAttribute("aria-selected", "true");
      this.input.setAttribute("aria-activedescendant", items[index].id);
      items[index].scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };

  Choice.prototype.isOpen = function () {
    return !this.listbox.hidden;
  };

  Choice.prototype.close = function () {
    window.clearTimeout(this.timer);
    this.listbox.hidden = true;
    this.listbox.replaceChildren();
    this.options = [];
    this.active = -1;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  };

  Choice.prototype.onKey = function (event) {
    var count = this.options.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!this.isOpen()) {
        this.suggest(true);
        return;
      }
      var step = event.key === "ArrowDown" ? 1 : -1;
      this.activate((this.active + step + count) % count);
    } else if (event.key === "Enter") {
      if (this.isOpen() && this.active >= 0) {
        event.preventDefault(); // choose, do not submit yet
        this.choose(this.options[this.active]);
      }
    } else if (event.key === "Escape") {
      if (this.isOpen()) {
        event.preventDefault();
        this.close();
      } else if (this.input.value) {
        event.preventDefault();
        this.input.value = "";
      }
    }
  };

  Choice.prototype.choose = function (option) {
    if (!option) {
      return;
    }
    var control = this.control(option.value);
    if (control && control.type === "checkbox") {
      control.checked = true;
    } else if (!control) {
      control = document.createElement("input");
      control.type = "hidden";
      control.name = this.name;
      control.value = option.value;
      control.dataset.label = option.chip || option.label;
      this.fieldset.appendChild(control);
    }
    // What was typed for this choice goes; keys typed before a comma stay.
    var parts = this.input.value.split(",");
    parts.pop();
    this.input.value = parts.join(",");
    this.close();
    this.renderChips();
    say(fill(strings.added, { name: control.dataset.label || option.label }));
    this.input.focus();
  };

  form.querySelectorAll("fieldset.choice").forEach(function (fieldset, number) {
    if (fieldset.dataset.addLabel) {
      new Choice(fieldset, number);
    }
  });
})();
