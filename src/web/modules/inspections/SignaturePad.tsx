import { Button, Flex, Typography } from "antd";
import { type PointerEvent, useRef, useState } from "react";

/**
 * The representative signs with a finger on the phone (a drawn signature is enough, issue 8). The
 * strokes become a PNG, kept on the device with the draft and sent like a photo.
 */
export function SignaturePad({ signedUrl, onSigned, onCleared }: { signedUrl: string | null; onSigned: (png: Blob) => void; onCleared: () => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [drawn, setDrawn] = useState(false);

  const point = (event: PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return {
      x: ((event.clientX - box.left) * event.currentTarget.width) / box.width,
      y: ((event.clientY - box.top) * event.currentTarget.height) / box.height,
    };
  };
  const start = (event: PointerEvent<HTMLCanvasElement>) => {
    const context = event.currentTarget.getContext("2d");
    if (!context) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drawing.current = true;
    const { x, y } = point(event);
    context.lineWidth = 3;
    context.lineCap = "round";
    context.strokeStyle = "#111";
    context.beginPath();
    context.moveTo(x, y);
  };
  const move = (event: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const context = event.currentTarget.getContext("2d");
    const { x, y } = point(event);
    context?.lineTo(x, y);
    context?.stroke();
    setDrawn(true);
  };
  const clear = () => {
    const element = canvas.current;
    element?.getContext("2d")?.clearRect(0, 0, element.width, element.height);
    setDrawn(false);
    onCleared();
  };
  const confirm = () => canvas.current?.toBlob((blob) => blob && onSigned(blob), "image/png");

  if (signedUrl)
    return (
      <Flex vertical gap={8} align="start">
        <img src={signedUrl} alt="负责人签名" style={{ maxWidth: "100%", height: 96, border: "1px solid #d9d9d9", borderRadius: 6, background: "#fff" }} />
        <Button size="small" onClick={clear}>
          重新签名
        </Button>
      </Flex>
    );
  return (
    <Flex vertical gap={8}>
      <canvas
        ref={canvas}
        aria-label="签名区"
        width={600}
        height={200}
        style={{ width: "100%", maxWidth: 600, height: 140, border: "1px dashed #999", borderRadius: 6, background: "#fff", touchAction: "none" }}
        onPointerDown={start}
        onPointerMove={move}
        onPointerUp={() => {
          drawing.current = false;
        }}
      />
      <Typography.Text type="secondary">请被检查单位负责人在框内手写签名</Typography.Text>
      <Flex gap={8}>
        <Button onClick={clear}>清除</Button>
        <Button type="primary" disabled={!drawn} onClick={confirm}>
          确认签名
        </Button>
      </Flex>
    </Flex>
  );
}
