// socialcase SizedUpload: a file button that checks the file's size before sending it.
// A file above max_bytes is refused here, at once, in words; an allowed one travels to the
// kernel as one binary message (model.send with a buffer). Same words as upload.py's
// SizedUpload.too_large.

function sizeText(bytes) {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1048576) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / 1048576;
  return Number.isInteger(mb) ? `${mb} MB` : `${mb.toFixed(1)} MB`;
}

function render({ model, el }) {
  el.classList.add("sc-upload");
  const input = document.createElement("input");
  input.type = "file";
  input.hidden = true;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "sc-upload-button jupyter-button";
  const status = document.createElement("span");
  status.className = "sc-upload-status";
  status.setAttribute("role", "status");
  el.append(button, input, status);

  const show = () => {
    button.textContent = model.get("description");
    input.accept = model.get("accept");
    status.textContent = model.get("message");
    status.classList.toggle("sc-error", model.get("message").includes("reads files up to"));
  };
  show();
  model.on("change:description", show);
  model.on("change:accept", show);
  model.on("change:message", show);

  button.addEventListener("click", () => input.click());
  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    input.value = ""; // the same file chosen again is a new upload
    if (!file) return;
    const limit = model.get("max_bytes");
    if (file.size > limit) {
      const tooLarge = (model.get("words") || {}).too_large ||
        "{file} is {size}; this page reads files up to {limit}. Export a shorter date range " +
          "or fewer columns, or split the file.";
      model.set(
        "message",
        tooLarge.replace("{file}", file.name).replace("{size}", sizeText(file.size))
          .replace("{limit}", sizeText(limit)),
      );
      model.save_changes();
      model.send({ kind: "refused", name: file.name, size: file.size });
      return;
    }
    const sending = (model.get("words") || {}).sending || "Sending {file} ({size}) ...";
    model.set("message", sending.replace("{file}", file.name).replace("{size}", sizeText(file.size)));
    model.save_changes();
    const bytes = await file.arrayBuffer();
    model.send({ kind: "file", name: file.name, size: file.size, type: file.type }, {}, [bytes]);
  });
}

export default { render };
